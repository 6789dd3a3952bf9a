/**
 * A strict parser of the Prometheus text format for tests: every non-comment line must be `name{labels} value`,
 * or it throws. Returns series → value.
 */
export function parsePrometheus(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const declared = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      declared.add(type[1]);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${JSON.stringify(line)}`);
    const base = m[1].replace(/_(bucket|sum|count)$/, '');
    if (!declared.has(m[1]) && !declared.has(base)) throw new Error(`sample before its # TYPE: ${line}`);
    out.set(m[1] + (m[2] ?? ''), Number(m[3].replace('+Inf', 'Infinity').replace('-Inf', '-Infinity')));
  }
  return out;
}
