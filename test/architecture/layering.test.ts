import * as fs from 'fs';
import * as path from 'path';

// DESIGN.md "Rules of the house": src/shared imports nothing from client or relay; client and relay never import
// each other; the client never imports zod or a Node built-in (it ships inside a mini-game).
const root = path.join(__dirname, '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

function layerOf(file: string): string {
  return path.relative(root, file).split(path.sep)[0];
}

function resolvedLayer(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), spec);
  const rel = path.relative(root, target);
  return rel.startsWith('..') ? 'outside' : rel.split(path.sep)[0];
}

const allowed: Record<string, string[]> = { shared: ['shared'], client: ['client', 'shared'], relay: ['relay', 'shared'] };

describe('layering', () => {
  const files = filesUnder(root);

  it('finds the three layers', () => {
    expect(new Set(files.map(layerOf))).toEqual(new Set(['shared', 'client', 'relay']));
  });

  it.each(Object.keys(allowed))('%s imports only from the layers it may', (layer) => {
    const offending = files
      .filter((f) => layerOf(f) === layer)
      .flatMap((f) =>
        importsOf(f)
          .map((spec) => ({ spec, to: resolvedLayer(f, spec) }))
          .filter((i) => i.to !== undefined && !allowed[layer].includes(i.to))
          .map((i) => `${path.relative(root, f)} → ${i.spec}`),
      );
    expect(offending).toEqual([]);
  });

  // Inside the relay, nothing runs back up: storage serves reconcile, verification, http and the worker, and imports
  // none of them; sinks are pure mappings that know no I/O, and own their config (config imports them, never back).
  const relayForbidden: Record<string, string[]> = {
    storage: ['reconcile', 'http', 'delivery', 'verification', 'platforms', 'sinks', 'catalog', 'cli', 'demo'],
    sinks: ['config', 'storage', 'http', 'delivery', 'verification', 'platforms', 'reconcile', 'cli', 'demo'],
    verification: ['http', 'cli', 'demo'],
    platforms: ['http', 'cli', 'demo'],
  };
  it.each(Object.keys(relayForbidden))('relay/%s imports nothing that runs back up', (part) => {
    const dir = path.join(root, 'relay', part);
    const offending = files
      .filter((f) => f.startsWith(dir + path.sep))
      .flatMap((f) =>
        importsOf(f)
          .filter((spec) => spec.startsWith('.'))
          .map((spec) => ({ spec, to: path.relative(path.join(root, 'relay'), path.resolve(path.dirname(f), spec)).split(path.sep)[0] }))
          .filter((i) => relayForbidden[part].includes(i.to))
          .map((i) => `${path.relative(root, f)} → ${i.spec}`),
      );
    expect(offending).toEqual([]);
  });

  it('the client imports no package and no Node built-in', () => {
    const offending = files
      .filter((f) => layerOf(f) === 'client')
      .flatMap((f) => importsOf(f).filter((s) => !s.startsWith('.')).map((s) => `${path.relative(root, f)} → ${s}`));
    expect(offending).toEqual([]);
  });
});
