import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { configKeys, renderConfigReference } from '../../src/relay/config/config-reference';
import { CONFIG_DESCRIPTIONS } from '../../src/relay/config/config-descriptions';

const ROOT = resolve(__dirname, '..', '..');

function markdownFiles(): string[] {
  const out = [join(ROOT, 'README.md'), join(ROOT, 'assets', 'minigame-purchase', 'README.md')].filter((f) => existsSync(f));
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(join(ROOT, 'docs'));
  walk(join(ROOT, 'examples'));
  return out;
}

describe('docs', () => {
  it('docs/configuration.md is what `npm run docs` makes of the schema today', () => {
    expect(readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8')).toBe(renderConfigReference());
  });

  it('describes every config key, and no key the schema lacks', () => {
    const keys = configKeys().map((k) => k.path);
    expect(keys.filter((k) => !(k in CONFIG_DESCRIPTIONS))).toEqual([]);
    expect(Object.keys(CONFIG_DESCRIPTIONS).filter((k) => !keys.includes(k))).toEqual([]);
    for (const k of keys) expect(CONFIG_DESCRIPTIONS[k].length).toBeGreaterThan(3);
  });

  it('has no relative link to a file that does not exist', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = resolve(dirname(file), decodeURIComponent(target.split('#')[0]));
        if (!existsSync(path)) broken.push(`${file.slice(ROOT.length + 1)}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
