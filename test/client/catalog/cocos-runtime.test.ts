import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';

const root = join(__dirname, '../../..');
 
const config = require('../../../rollup.config.js') as {
  COCOS_DIR: string;
  cocosBuild(dir?: string): RollupOptions & { output: OutputOptions };
};

function filesIn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('the Cocos drop-in runtime', () => {
  it('is exactly a fresh build of src/client (run `npm run build:cocos` after changing the client)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cocos-runtime-'));
    try {
      const options = config.cocosBuild(dir);
      const bundle = await rollup({ ...options, onwarn: (w) => { throw new Error(w.message); } });
      await bundle.write(options.output);
      await bundle.close();
      const fresh = filesIn(dir);
      const committed = filesIn(config.COCOS_DIR);
      expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
      const differing = [...fresh].filter(([file, text]) => committed.get(file) !== text).map(([file]) => file);
      expect(differing).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('carries the kit and the store, and no zod or Node built-in', () => {
    const js = readFileSync(join(root, 'assets/minigame-purchase/runtime/minigame-purchase.js'), 'utf8');
    for (const name of ['createPurchaseKit', 'createStoreController', 'buildStoreViewModel', 'formatPrice', 'storeItemTexts']) {
      expect(js).toMatch(new RegExp(`export ?\\{[^}]*\\b${name}\\b`));
    }
    expect(js).not.toMatch(/^import /m);
    expect(js).not.toMatch(/\bimport ?[{*"']/);
    expect(js).not.toMatch(/require\(/);
  });
});
