#!/usr/bin/env node
'use strict';
// The client bundle a game ships (dist/client/index.min.mjs: ESM, minified) must stay at most 12 KB gzip.
// Builds first unless the build is newer than every client source (then it reuses it). Prints the size.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'dist/client/index.min.mjs');
const BUDGET = 12 * 1024;
const AIM = 9 * 1024;

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const dir of ['src/client', 'src/shared', 'typings']) walk(path.join(ROOT, dir));
  for (const f of ['rollup.config.js', 'tsconfig.client.json', 'package.json']) newest = Math.max(newest, fs.statSync(path.join(ROOT, f)).mtimeMs);
  return newest;
}

const fresh = fs.existsSync(BUNDLE) && fs.statSync(BUNDLE).mtimeMs > newestSource();
if (!fresh) {
  const r = spawnSync(process.execPath, [require.resolve('rollup/dist/bin/rollup'), '-c', 'rollup.config.js', '--silent'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error('check-bundle-size: the client build failed');
    process.exit(1);
  }
}

const code = fs.readFileSync(BUNDLE);
if (/\bfrom\s*["']zod|require\(["']zod/.test(code.toString('utf8'))) {
  console.error('check-bundle-size: the client bundle imports zod; use the hand-written guards');
  process.exit(1);
}
// ES2017 means ES2017: old base libraries choke on `?.`, `??` and friends. acorn comes with terser.
const acorn = require('acorn');
acorn.parse(code.toString('utf8'), { ecmaVersion: 2017, sourceType: 'module' });
acorn.parse(fs.readFileSync(path.join(ROOT, 'dist/client/minigame-purchase.iife.js'), 'utf8'), { ecmaVersion: 2017 });

// The browser build must define the global the demo page uses, with no host globals needed to load it.
const iife = fs.readFileSync(path.join(ROOT, 'dist/client/minigame-purchase.iife.js'), 'utf8');
const sandbox = {};
require('vm').runInNewContext(iife, sandbox);
if (!sandbox.MinigamePurchase || typeof sandbox.MinigamePurchase.createPurchaseKit !== 'function') {
  console.error('check-bundle-size: the IIFE build does not define MinigamePurchase.createPurchaseKit');
  process.exit(1);
}

const gz = zlib.gzipSync(code, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(2) + ' KB';
console.log(`client bundle (ESM, minified): ${kb(code.length)} raw, ${kb(gz)} gzip; budget ${kb(BUDGET)}, aim < ${kb(AIM)}`);
if (gz > BUDGET) {
  console.error(`check-bundle-size: ${kb(gz)} gzip is over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
