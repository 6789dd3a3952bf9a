import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '../../../src/client');
const OWNER: Record<string, string> = { wx: 'platform/wx.ts', qq: 'platform/qq.ts', tt: 'platform/tt.ts' };

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : [],
  );
}

/** Source without comments, so a TSDoc that mentions `wx.requestMidasPayment` is not a use of the global. */
function code(file: string): string {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** A use of the global: `wx.x`, `typeof wx`, `wx[...]`, not `api.wx` or `foo_wx`. */
const USE = (g: string) => new RegExp(`(?<![\\w$.])${g}\\s*(\\.|\\[)|typeof\\s+${g}\\b`);

describe('platform globals', () => {
  const all = files(ROOT);

  it('scans the client sources', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it.each(Object.keys(OWNER))('names the %s global only in its adapter file', (g) => {
    const offenders = all
      .filter((f) => path.relative(ROOT, f) !== OWNER[g])
      .filter((f) => USE(g).test(code(f)))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it.each(Object.keys(OWNER))('finds the %s global in its adapter (the scan can see a use)', (g) => {
    expect(USE(g).test(code(path.join(ROOT, OWNER[g])))).toBe(true);
  });
});
