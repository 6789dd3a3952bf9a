#!/usr/bin/env node
'use strict';
// What a game ships, in gzip:
// - from npm, the ESM entry (dist/client/index.mjs and the chunks it imports) minified as a release build would: at
//   most 9.3 KB, the smallest peer SDK's size (issue 12's aim). The catalog client and the web sandbox are plug-ins
//   from ./catalog and ./web, so a game that needs neither ships neither;
// - from the Cocos drop-in, assets/minigame-purchase/runtime's bundle as committed (already minified): at most 17 KB,
//   the same kit plus the catalog client, the web sandbox and the store view model the components render.
// Builds dist/client first unless it is newer than every client source. Also checks that both and the demo's IIFE
// are ES2017 and free of zod, and that the IIFE defines the global the demo page uses.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const config = require('../rollup.config.js');
const { rollup } = require('rollup');
const terser = require('@rollup/plugin-terser');

const KIT_BUDGET = 9.3 * 1024;
const DROP_IN_BUDGET = 17 * 1024;
const ENTRY = path.join(config.DIST, 'index.mjs');
const IIFE = config.iifeBuild().output.file;
const DROP_IN = config.cocosBuild().output.file;

function fail(message) {
  console.error(`check-bundle-size: ${message}`);
  process.exit(1);
}

async function main() {
  const built = [ENTRY, IIFE].every((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs > config.newestClientSource());
  if (!built) {
    // Not the drop-in: its committed copy is what ships (test/client/catalog/cocos-runtime.test.ts keeps it fresh).
    const r = spawnSync(process.execPath, [require.resolve('rollup/dist/bin/rollup'), '-c', 'rollup.config.js', '--silent', '--configTarget', 'dist'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) fail('the client build failed');
  }

  // A game's release build: the package's ESM entry bundled with what it imports, then minified.
  const bundle = await rollup({ input: ENTRY, onwarn: (w) => fail(`bundling ${ENTRY}: ${w.message}`) });
  const { output } = await bundle.generate({ format: 'es', plugins: [terser(config.TERSER)] });
  await bundle.close();
  const shipped = [
    ['npm package (dist/client/index.mjs, minified)', output[0].code, KIT_BUDGET],
    ['Cocos drop-in (runtime/minigame-purchase.js)', fs.readFileSync(DROP_IN, 'utf8'), DROP_IN_BUDGET],
  ];

  // ES2017 means ES2017: old base libraries choke on `?.`, `??` and friends. acorn comes with terser.
  const acorn = require('acorn');
  const iife = fs.readFileSync(IIFE, 'utf8');
  acorn.parse(iife, { ecmaVersion: 2017 });
  for (const [what, code] of shipped) {
    if (/\bfrom\s*["']zod|require\(["']zod/.test(code)) fail(`${what} imports zod; use the hand-written guards`);
    acorn.parse(code, { ecmaVersion: 2017, sourceType: 'module' });
  }

  // The browser build must define the global the demo page uses, with no host globals needed to load it.
  const sandbox = {};
  require('vm').runInNewContext(iife, sandbox);
  if (!sandbox[config.GLOBAL] || typeof sandbox[config.GLOBAL].createPurchaseKit !== 'function') {
    fail(`the IIFE build does not define ${config.GLOBAL}.createPurchaseKit`);
  }

  const kb = (n) => (n / 1024).toFixed(2) + ' KB';
  const over = [];
  for (const [what, code, budget] of shipped) {
    const raw = Buffer.byteLength(code);
    const gz = zlib.gzipSync(code, { level: 9 }).length;
    console.log(`${what}: ${kb(raw)} raw, ${kb(gz)} gzip (${gz} bytes); budget ${kb(budget)}`);
    if (gz > budget) over.push(`${what} is ${kb(gz)} gzip, over the ${kb(budget)} budget`);
  }
  if (over.length) fail(over.join('; '));
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
