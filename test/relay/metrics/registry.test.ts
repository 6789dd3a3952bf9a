import { createRegistry } from '../../../src/relay/metrics/registry';
import { parsePrometheus } from './parse-prometheus';

describe('Prometheus registry', () => {
  it('renders counters with sorted, escaped labels and sums increments per series', async () => {
    const r = createRegistry();
    const c = r.counter('x_total', 'Things.');
    c.inc({ b: '2', a: '1' });
    c.inc({ a: '1', b: '2' }, 2);
    c.inc({ a: 'q"\\\n' });
    const text = await r.render();
    expect(text).toContain('# TYPE x_total counter');
    expect(text).toContain('x_total{a="1",b="2"} 3');
    expect(text).toContain('x_total{a="q\\"\\\\\\n"} 1');
    expect(parsePrometheus(text).get('x_total{a="1",b="2"}')).toBe(3);
  });

  it('renders cumulative histogram buckets, sum and count', async () => {
    const r = createRegistry();
    const h = r.histogram('lat_seconds', 'Latency.', [0.1, 1]);
    for (const v of [0.05, 0.5, 0.5, 5]) h.observe(v);
    const m = parsePrometheus(await r.render());
    expect(m.get('lat_seconds_bucket{le="0.1"}')).toBe(1);
    expect(m.get('lat_seconds_bucket{le="1"}')).toBe(3);
    expect(m.get('lat_seconds_bucket{le="+Inf"}')).toBe(4);
    expect(m.get('lat_seconds_count')).toBe(4);
    expect(m.get('lat_seconds_sum')).toBeCloseTo(6.05);
  });

  it('collects gauges at scrape time', async () => {
    const r = createRegistry();
    let depth = 1;
    r.gauge('q', 'Queue.', async () => [[{ sink: 'hive' }, depth]]);
    expect(parsePrometheus(await r.render()).get('q{sink="hive"}')).toBe(1);
    depth = 7;
    expect(parsePrometheus(await r.render()).get('q{sink="hive"}')).toBe(7);
  });
});
