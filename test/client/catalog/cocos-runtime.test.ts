import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COCOS_RUNTIME_DIR, cocosRuntimeFiles } from '../../../src/relay/demo/cocos-runtime-files';

const root = join(__dirname, '../../..');

function committedFiles(dir: string): Map<string, string> {
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
  it('is exactly a fresh build of src/client (run `node scripts/build-cocos-runtime.js` after changing the client)', async () => {
    const fresh = await cocosRuntimeFiles();
    const committed = committedFiles(join(root, COCOS_RUNTIME_DIR));
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    const differing = [...fresh].filter(([file, text]) => committed.get(file) !== text).map(([file]) => file);
    expect(differing).toEqual([]);
  });

  it('carries the kit and the store, and no zod or Node built-in', () => {
    const js = readFileSync(join(root, COCOS_RUNTIME_DIR, 'minigame-purchase.js'), 'utf8');
    for (const name of ['createPurchaseKit', 'createStoreController', 'buildStoreViewModel', 'formatPrice', 'storeItemTexts']) {
      expect(js).toMatch(new RegExp(`export \\{[^}]*\\b${name}\\b`));
    }
    expect(js).not.toMatch(/^import /m);
    expect(js).not.toMatch(/require\(/);
  });
});
