// Every client artifact, from one list of entries (ENTRIES) and one list of ambient typings (AMBIENT):
// - dist/client: what the npm package ships, ESM + CJS + .d.ts per entry with an `exports` subpath (shared code in
//   chunks/, so `minigame-purchase` and `minigame-purchase/catalog` load one copy of the modules they share);
// - dist/client/minigame-purchase.iife.js: the runtime as a browser script (global `MinigamePurchase`), which the demo
//   page loads (src/relay/demo/client-runtime.ts builds it through `iifeBuild` when it is missing or stale);
// - assets/minigame-purchase/runtime: the Cocos drop-in's runtime, minified ESM, with standalone declarations.
// ES2017, no Node built-ins, no zod. `rollup -c` builds all; `rollup -c --configTarget cocos` the drop-in only.
// scripts/check-bundle-size.js measures the npm entry and the drop-in against the budget.
const typescript = require('@rollup/plugin-typescript');
const { nodeResolve } = require('@rollup/plugin-node-resolve');
const terser = require('@rollup/plugin-terser');
const fs = require('fs');
const path = require('path');
const { standaloneDeclarations } = require('./scripts/rollup/standalone-declarations');

const ROOT = __dirname;
const DIST = path.join(ROOT, 'dist/client');
const COCOS_DIR = path.join(ROOT, 'assets/minigame-purchase/runtime');
const GLOBAL = 'MinigamePurchase';

/**
 * `npm`: the package subpath it is published as (dist/client/<name>.*); `runtime`: the one module a store loads (the
 * kit and the catalog), built as the demo's IIFE and as the Cocos drop-in. Add an entry by adding a line.
 */
const ENTRIES = [
  { name: 'index', input: 'src/client/index.ts', npm: '.' },
  { name: 'catalog', input: 'src/client/catalog/index.ts', npm: './catalog' },
  { name: 'web', input: 'src/client/platform/web.ts', npm: './web' },
  { name: 'minigame-purchase', input: 'src/client/catalog/runtime.ts', runtime: true },
];
const NPM = ENTRIES.filter((e) => e.npm);
const RUNTIME = ENTRIES.find((e) => e.runtime);

/**
 * The ambient typings the declarations travel with, by shipped name: `npm` is the repository's file (it names
 * minigame-api-typings, which the package's types reference), `cocos` the drop-in's standalone one (null: left out).
 * The client's sources reference the `npm` files themselves (`/// <reference path>`), so the compile needs no list.
 */
const AMBIENT = [
  { name: 'minigame-shared.d.ts', npm: 'typings/minigame-shared.d.ts', cocos: 'typings/cocos/minigame-shared.d.ts' },
  { name: 'qq.d.ts', npm: 'typings/qq.d.ts', cocos: 'typings/qq.d.ts' },
  { name: 'tt.d.ts', npm: 'typings/tt.d.ts', cocos: 'typings/tt.d.ts' },
  { name: 'wx-virtual-payment.d.ts', npm: 'typings/wx-virtual-payment.d.ts', cocos: null },
];

/** Compress passes find what the previous pass's inlining exposed (a third saves ~25 bytes gzip). Also what the size budget minifies with. */
const TERSER = { ecma: 2017, module: true, compress: { passes: 3 } };

/** Fails the build if the client would pull in a package (zod, Node built-ins): it must stay self-contained. */
const selfContained = () => ({
  name: 'self-contained',
  resolveId(source, importer) {
    if (importer && !source.startsWith('.') && !path.isAbsolute(source) && !source.startsWith('\0') && source !== 'tslib') {
      this.error(`client code may not import "${source}" (from ${path.relative(ROOT, importer)})`);
    }
    return null;
  },
});

const ts = (outDir, declarations) =>
  typescript({
    tsconfig: path.join(ROOT, 'tsconfig.client.json'),
    compilerOptions: declarations
      ? { outDir, declarationDir: path.join(outDir, 'types') }
      : { outDir, declaration: false, declarationDir: undefined },
    // A type error is a build failure, not a warning.
    noEmitOnError: true,
  });

const plugins = (outDir, declarations) => [selfContained(), nodeResolve(), ts(outDir, declarations)];

/**
 * `dist/client/<name>.d.ts` per npm entry: re-exports the entry's emitted declarations and references the ambient
 * typings (copied next to them), since tsc drops the sources' `/// <reference path>` lines from its output.
 */
const npmDeclarations = (dir) => ({
  name: 'npm-declarations',
  writeBundle() {
    fs.mkdirSync(path.join(dir, 'typings'), { recursive: true });
    for (const a of AMBIENT) fs.copyFileSync(path.join(ROOT, a.npm), path.join(dir, 'typings', a.name));
    const refs = ['/// <reference types="minigame-api-typings" />', ...AMBIENT.map((a) => `/// <reference path="./typings/${a.name}" />`)];
    for (const e of NPM) {
      const types = `./types/${path.posix.relative('src', e.input).replace(/\.ts$/, '')}`;
      fs.writeFileSync(path.join(dir, `${e.name}.d.ts`), `${refs.join('\n')}\nexport * from '${types}';\n`);
    }
  },
});

/** The drop-in's declarations next to its bundle; the folder holds nothing else (stale files go). */
const cocosDeclarations = (dir) => ({
  name: 'cocos-declarations',
  generateBundle() {
    const files = standaloneDeclarations(ROOT, path.join(ROOT, RUNTIME.input), RUNTIME.name, AMBIENT);
    for (const sub of ['types', 'typings']) fs.rmSync(path.join(dir, sub), { recursive: true, force: true });
    for (const [file, text] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  },
});

const npmBuild = () => ({
  input: Object.fromEntries(NPM.map((e) => [e.name, path.join(ROOT, e.input)])),
  plugins: [...plugins(DIST, true), npmDeclarations(DIST)],
  output: [
    { dir: DIST, format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    { dir: DIST, format: 'cjs', exports: 'named', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
  ],
});

/** The demo page's script. `file` elsewhere for a build to a temporary name. */
const iifeBuild = (file = path.join(DIST, `${RUNTIME.name}.iife.js`)) => ({
  input: path.join(ROOT, RUNTIME.input),
  plugins: plugins(path.dirname(file), false),
  output: { file, format: 'iife', name: GLOBAL, exports: 'named', plugins: [terser({ ...TERSER, module: false })] },
});

/** The Cocos drop-in's runtime; `dir` elsewhere for the test that holds the committed copy to a fresh build. */
const cocosBuild = (dir = COCOS_DIR) => ({
  input: path.join(ROOT, RUNTIME.input),
  plugins: [...plugins(dir, false), cocosDeclarations(dir)],
  output: {
    file: path.join(dir, `${RUNTIME.name}.js`),
    format: 'es',
    banner: '/*! minigame-purchase client runtime; generated from src/client by rollup.config.js, do not edit */',
    plugins: [terser(TERSER)],
  },
});

// `--configTarget cocos`: the drop-in only; `--configTarget dist`: dist/client only; none: everything.
const TARGETS = { cocos: () => [cocosBuild()], dist: () => [npmBuild(), iifeBuild()] };
module.exports = (args = {}) => (TARGETS[args.configTarget] ?? (() => [npmBuild(), iifeBuild(), cocosBuild()]))();

/** The newest modification time of what the client build reads, to tell a stale build from a fresh one. */
function newestClientSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const dir of ['src/client', 'src/shared', 'typings']) walk(path.join(ROOT, dir));
  for (const f of ['rollup.config.js', 'scripts/rollup/standalone-declarations.js', 'tsconfig.client.json', 'package.json']) {
    newest = Math.max(newest, fs.statSync(path.join(ROOT, f)).mtimeMs);
  }
  return newest;
}

Object.assign(module.exports, { ENTRIES, AMBIENT, TERSER, DIST, COCOS_DIR, GLOBAL, npmBuild, iifeBuild, cocosBuild, newestClientSource });
