import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

// What a game gets from npm: `minigame-purchase` and `minigame-purchase/catalog` through package.json's `exports`,
// in ESM and CJS, with types. Resolved by the package's own name (Node's self-reference), as an installed copy would.
const ROOT = resolve(__dirname, '../..');

describe("the npm package's exports", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.js', '--silent', '--configTarget', 'dist'], { cwd: ROOT, stdio: 'pipe' });
  }, 120_000);

  const script = (code: string, type: 'mjs' | 'cjs') => {
    const file = join(ROOT, `exports-probe-${process.pid}.${type}`);
    writeFileSync(file, code);
    try {
      return execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' }).trim();
    } finally {
      rmSync(file, { force: true });
    }
  };

  it.each(['mjs', 'cjs'] as const)('%s: the kit at the root, the catalog/store API at /catalog', (type) => {
    const load = type === 'mjs'
      ? "const kit = await import('minigame-purchase'); const catalog = await import('minigame-purchase/catalog');"
      : "const kit = require('minigame-purchase'); const catalog = require('minigame-purchase/catalog');";
    const out = script(
      `${type === 'mjs' ? '' : '(async () => {'}${load}
console.log(JSON.stringify([typeof kit.createPurchaseKit, typeof catalog.buildStoreViewModel, typeof catalog.createStoreController, typeof catalog.formatPrice]));${type === 'mjs' ? '' : '})();'}`,
      type,
    );
    expect(JSON.parse(out)).toEqual(['function', 'function', 'function', 'function']);
  });

  it('types: both subpaths resolve to declarations under node16 resolution', () => {
    const dir = mkdtempSync(join(ROOT, 'dist', 'exports-types-'));
    try {
      const file = join(dir, 'game.mts');
      writeFileSync(
        file,
        [
          "import { createPurchaseKit, type PurchaseKit } from 'minigame-purchase';",
          "import { buildStoreViewModel, formatPrice } from 'minigame-purchase/catalog';",
          'export const used: [typeof createPurchaseKit, typeof buildStoreViewModel, typeof formatPrice] = [createPurchaseKit, buildStoreViewModel, formatPrice];',
          'export type Kit = PurchaseKit;',
          '',
        ].join('\n'),
      );
      const program = ts.createProgram([file], {
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
        target: ts.ScriptTarget.ES2020,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
