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

/**
 * TypeScript writes `a ?? b` for ES2017 as `(_a = a) !== null && _a !== void 0 ? _a : b`, and `a?.b` as
 * `(_a = a) === null || _a === void 0 ? void 0 : _a.b`; terser keeps the assignment form. `(_a = a) != null` means the
 * same (only `document.all` tells them apart) in fewer bytes: about 60 such checks in the client. Applied to
 * TypeScript's output (an AST match, not a text search), repeated until nothing is left to rewrite.
 */
const looseNullChecks = () => ({
  name: 'loose-null-checks',
  transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const acorn = require('acorn');
    let out = code;
    for (let round = 0; round < 8; round++) {
      const edits = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        const loose = nullishTest(node);
        if (loose) {
          edits.push([node.start, node.end, `(${out.slice(loose.operand.start, loose.operand.end)}) ${loose.op} null`]);
          return;
        }
        // `{...a, b}` comes out as `Object.assign(Object.assign({}, a), {b})`: the inner call returns its target,
        // so `Object.assign({}, a, {b})` is the same.
        if (isAssignCall(node) && isAssignCall(node.arguments[0])) {
          const inner = node.arguments[0];
          const innerArgs = out.slice(inner.arguments[0].start, inner.arguments[inner.arguments.length - 1].end);
          edits.push([inner.start, inner.end, innerArgs]);
          return;
        }
        for (const k of Object.keys(node)) {
          const v = node[k];
          if (Array.isArray(v)) v.forEach(visit);
          else if (v && typeof v.type === 'string') visit(v);
        }
      };
      visit(acorn.parse(out, { ecmaVersion: 2020, sourceType: 'module' }));
      if (!edits.length) break;
      // Outermost matches only in a round (visit stops at a match), so the ranges never overlap.
      edits.sort((a, b) => b[0] - a[0]);
      for (const [start, end, text] of edits) out = out.slice(0, start) + text + out.slice(end);
    }
    return out === code ? null : { code: out, map: null };
  },
});

function isAssignCall(n) {
  return (
    n && n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed &&
    n.callee.object.type === 'Identifier' && n.callee.object.name === 'Object' && n.callee.property.name === 'assign' &&
    n.arguments.length > 0 && n.arguments.every((a) => a.type !== 'SpreadElement')
  );
}

/** `(x = e) !== null && x !== void 0` → `{operand: (x = e), op: '!='}`; the `===`/`||` form → `==`. */
function nullishTest(n) {
  if (n.type !== 'LogicalExpression') return undefined;
  const strict = n.operator === '&&' ? '!==' : n.operator === '||' ? '===' : undefined;
  const { left: l, right: r } = n;
  if (!strict || l.type !== 'BinaryExpression' || r.type !== 'BinaryExpression') return undefined;
  if (l.operator !== strict || r.operator !== strict) return undefined;
  if (!(l.right.type === 'Literal' && l.right.value === null && l.right.raw === 'null')) return undefined;
  if (!(r.right.type === 'UnaryExpression' && r.right.operator === 'void' && r.right.argument.type === 'Literal' && r.right.argument.value === 0)) return undefined;
  if (r.left.type !== 'Identifier') return undefined;
  const target = l.left.type === 'AssignmentExpression' && l.left.operator === '=' ? l.left.left : l.left;
  if (target.type !== 'Identifier' || target.name !== r.left.name) return undefined;
  return { operand: l.left, op: strict === '!==' ? '!=' : '==' };
}

/** A second compress pass finds what the first one's inlining exposed. */
const TERSER = { ecma: 2017, module: true, compress: { passes: 2 } };

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
const AMBIENT = ['minigame-shared.d.ts', 'qq.d.ts', 'tt.d.ts', 'wx-virtual-payment.d.ts'];

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
    plugins: [selfContained(), nodeResolve(), ts(true, e.dir), looseNullChecks(), dtsIndex(e.dir, e.name)],
    output: [
      { file: `${e.dir}/${e.name}.mjs`, format: 'es' },
      { file: `${e.dir}/${e.name}.cjs`, format: 'cjs', exports: 'named' },
      { file: `${e.dir}/${e.name}.min.mjs`, format: 'es', plugins: [terser(TERSER)] },
    ],
  },
  {
    input: e.input,
    plugins: [selfContained(), nodeResolve(), ts(false, e.dir), looseNullChecks()],
    output: { file: `${e.dir}/${e.iife}`, format: 'iife', name: e.global, plugins: [terser({ ...TERSER, module: false })] },
  },
]);

// For test/client/bundle/loose-null-checks.test.ts, which holds the rewrite to the meaning of the code it rewrites.
module.exports.looseNullChecks = looseNullChecks;
