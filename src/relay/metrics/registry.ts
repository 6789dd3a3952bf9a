/**
 * A tiny Prometheus text-format registry: counters, gauges (set now, or computed at scrape time) and histograms.
 * Enough for `/metrics` without a client library.
 */

type Labels = Record<string, string>;

interface Metric {
  render(): Promise<string[]> | string[];
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  get(labels?: Labels): number;
}

export interface Gauge {
  set(labels: Labels, value: number): void;
}

export interface Histogram {
  observe(value: number, labels?: Labels): void;
}

export interface Registry {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string, collect?: () => Promise<Array<[Labels, number]>>): Gauge;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** The whole exposition, ending with a newline. */
  render(): Promise<string>;
}

export function createRegistry(): Registry {
  const metrics: Metric[] = [];
  return {
    counter(name, help) {
      const values = new Map<string, number>();
      metrics.push({ render: () => [...header(name, help, 'counter'), ...lines(name, values)] });
      return {
        inc(labels = {}, by = 1) {
          const k = labelText(labels);
          values.set(k, (values.get(k) ?? 0) + by);
        },
        get(labels = {}) {
          return values.get(labelText(labels)) ?? 0;
        },
      };
    },
    gauge(name, help, collect) {
      const values = new Map<string, number>();
      metrics.push({
        async render() {
          if (collect) for (const [labels, v] of await collect()) values.set(labelText(labels), v);
          return [...header(name, help, 'gauge'), ...lines(name, values)];
        },
      });
      return { set: (labels, value) => void values.set(labelText(labels), value) };
    },
    histogram(name, help, buckets) {
      const sorted = [...buckets].sort((a, b) => a - b);
      const series = new Map<string, { counts: number[]; sum: number; count: number }>();
      metrics.push({
        render() {
          const out = header(name, help, 'histogram');
          for (const [k, s] of series) {
            const base = k === '' ? '' : k.slice(1, -1) + ',';
            let cumulative = 0;
            sorted.forEach((le, i) => {
              cumulative += s.counts[i];
              out.push(`${name}_bucket{${base}le="${le}"} ${cumulative}`);
            });
            out.push(`${name}_bucket{${base}le="+Inf"} ${s.count}`);
            out.push(`${name}_sum${k} ${s.sum}`);
            out.push(`${name}_count${k} ${s.count}`);
          }
          return out;
        },
      });
      return {
        observe(value, labels = {}) {
          const k = labelText(labels);
          let s = series.get(k);
          if (!s) series.set(k, (s = { counts: sorted.map(() => 0), sum: 0, count: 0 }));
          const i = sorted.findIndex((le) => value <= le);
          if (i >= 0) s.counts[i]++;
          s.sum += value;
          s.count++;
        },
      };
    },
    async render() {
      const out: string[] = [];
      for (const m of metrics) out.push(...(await m.render()));
      return out.join('\n') + '\n';
    },
  };
}

function header(name: string, help: string, type: string): string[] {
  return [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`];
}

function lines(name: string, values: Map<string, number>): string[] {
  return [...values].map(([k, v]) => `${name}${k} ${formatValue(v)}`);
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** `{a="x",b="y"}` with keys sorted, so the same label set always maps to the same series. */
function labelText(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return `{${keys.map((k) => `${k}="${esc(labels[k])}"`).join(',')}}`;
}
