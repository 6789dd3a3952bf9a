// The client bundle a game ships: ESM + CJS + .d.ts (ES2017, no Node built-ins, no zod), a minified ESM measured by
// scripts/check-bundle-size.js, and a browser IIFE (global `MinigamePurchase`) for the demo page.
// Add another entry by adding a line to ENTRIES.
const typescript = require('@rollup/plugin-typescript');
const { nodeResolve } = require('@rollup/plugin-node-resolve');
const terser = require('@rollup/plugin-terser');
const fs = require('fs');
const path = require('path');

const ENTRIES = [{ input: 'src/client/index.ts', dir: 'dist/client', name: 'index', global: 'MinigamePurchase', iife: 'minigame-purchase.iife.js' }];

/** Fails the build if the client would pull in a package (zod, Node built-ins): it must stay self-contained. */
const selfContained = () => ({
  name: 'self-contained',
  resolveId(source, importer) {
    if (importer && !source.startsWith('.') && !source.startsWith('/') && !source.startsWith('\0') && !/^tslib$/.test(source)) {
      this.error(`client code may not import "${source}" (from ${path.relative(process.cwd(), importer)})`);
    }
    return null;
  },
});

const ts = (declarations, dir) =>
  typescript({
    tsconfig: 'tsconfig.client.json',
    compilerOptions: declarations
      ? { outDir: dir, declarationDir: `${dir}/types` }
      : { outDir: dir, declaration: false, declarationDir: undefined },
    // A type error is a build failure, not a warning.
    noEmitOnError: true,
  });

/** Ambient declarations the public typings lack; the emitted .d.ts files need them too. */
const AMBIENT = ['qq.d.ts', 'tt.d.ts', 'wx-virtual-payment.d.ts'];

/**
 * `dist/client/index.d.ts` re-exports the emitted declarations of the entry and references the ambient typings
 * (copied next to it), since tsc drops the sources' `/// <reference path>` lines from its output.
 */
const dtsIndex = (dir, name) => ({
  name: 'dts-index',
  writeBundle() {
    fs.mkdirSync(path.join(dir, 'typings'), { recursive: true });
    for (const f of AMBIENT) fs.copyFileSync(path.join('typings', f), path.join(dir, 'typings', f));
    const refs = ['/// <reference types="minigame-api-typings" />']
      .concat(AMBIENT.map((f) => `/// <reference path="./typings/${f}" />`))
      .join('\n');
    fs.writeFileSync(path.join(dir, `${name}.d.ts`), `${refs}\nexport * from './types/client/${name}';\n`);
  },
});

module.exports = ENTRIES.flatMap((e) => [
  {
    input: e.input,
    plugins: [selfContained(), nodeResolve(), ts(true, e.dir), dtsIndex(e.dir, e.name)],
    output: [
      { file: `${e.dir}/${e.name}.mjs`, format: 'es' },
      { file: `${e.dir}/${e.name}.cjs`, format: 'cjs', exports: 'named' },
      { file: `${e.dir}/${e.name}.min.mjs`, format: 'es', plugins: [terser({ ecma: 2017, module: true })] },
    ],
  },
  {
    input: e.input,
    plugins: [selfContained(), nodeResolve(), ts(false, e.dir)],
    output: { file: `${e.dir}/${e.iife}`, format: 'iife', name: e.global, plugins: [terser({ ecma: 2017 })] },
  },
]);
