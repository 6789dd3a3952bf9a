import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

// What a game gets from npm: `minigame-purchase`, `minigame-purchase/catalog` and `minigame-purchase/web` through
// package.json's `exports`, in ESM and CJS, with types. Resolved by the package's own name (Node's self-reference),
// as an installed copy would.
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

  it.each(['mjs', 'cjs'] as const)('%s: the kit at the root, the catalog/store API at /catalog, the browser sandbox at /web', (type) => {
    const load = type === 'mjs'
      ? "const kit = await import('minigame-purchase'); const catalog = await import('minigame-purchase/catalog'); const web = await import('minigame-purchase/web');"
      : "const kit = require('minigame-purchase'); const catalog = require('minigame-purchase/catalog'); const web = require('minigame-purchase/web');";
    // Outside a mini-game the root entry wants a platform; with the web one and the catalog plugged in, getCatalog
    // asks the relay (none listens on port 9: the catalog is unavailable), and without the catalog it says what to pass.
    const out = script(
      `${type === 'mjs' ? '' : '(async () => {'}${load}
const types = [typeof kit.createPurchaseKit, typeof catalog.buildStoreViewModel, typeof catalog.createStoreController, typeof catalog.formatPrice, typeof web.createWebPlatform];
let detected; try { kit.createPurchaseKit({ relayUrl: 'http://127.0.0.1:9', appId: 'wx1' }); } catch (e) { detected = e.message; }
const opts = { relayUrl: 'http://127.0.0.1:9', appId: 'wx1', platform: web.createWebPlatform({ sandboxDecision: () => 'cancelled' }) };
const plugged = await kit.createPurchaseKit({ ...opts, catalog: catalog.createCatalogClient }).getCatalog().catch((e) => e.name);
const bare = await kit.createPurchaseKit(opts).getCatalog().catch((e) => e.message);
console.log(JSON.stringify({ types, detected, plugged, bare }));${type === 'mjs' ? '' : '})();'}`,
      type,
    );
    const r = JSON.parse(out) as { types: string[]; detected: string; plugged: string; bare: string };
    expect(r.types).toEqual(['function', 'function', 'function', 'function', 'function']);
    expect(r.detected).toMatch(/createWebPlatform\(\).*'minigame-purchase\/web'/);
    expect(r.plugged).toBe('CatalogUnavailableError');
    expect(r.bare).toMatch(/catalog: createCatalogClient.*'minigame-purchase\/catalog'/);
  });

  it('types: every subpath resolves to declarations under node16 resolution', () => {
    const dir = mkdtempSync(join(ROOT, 'dist', 'exports-types-'));
    try {
      const file = join(dir, 'game.mts');
      writeFileSync(
        file,
        [
          "import { createPurchaseKit, type PurchaseKit } from 'minigame-purchase';",
          "import { buildStoreViewModel, createCatalogClient, formatPrice } from 'minigame-purchase/catalog';",
          "import { createWebPlatform } from 'minigame-purchase/web';",
          'export const used: [typeof createPurchaseKit, typeof buildStoreViewModel, typeof formatPrice] = [createPurchaseKit, buildStoreViewModel, formatPrice];',
          "export const kit: PurchaseKit = createPurchaseKit({ relayUrl: 'https://relay.example', appId: 'wx1', platform: createWebPlatform(), catalog: createCatalogClient });",
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
