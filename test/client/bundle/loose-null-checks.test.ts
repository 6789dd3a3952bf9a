import * as ts from 'typescript';

// The client build rewrites TypeScript's ES2017 output of `?.`, `??` and object spread (rollup.config.js). The
// rewritten code must compute exactly what the TypeScript source means, for every kind of value.
type Plugin = { transform(code: string, id: string): { code: string } | null };
 
const { looseNullChecks } = require('../../../rollup.config.js') as { looseNullChecks: () => Plugin };

const SOURCE = `
export const cases = {
  coalesce: (a: any, b: any) => a ?? b,
  coalesceProp: (o: any) => o.x ?? 'dflt',
  chain: (o: any) => o?.x,
  chainDeep: (o: any) => o?.x?.y,
  chainCall: (o: any) => o?.f?.(1),
  chainThis: (o: any) => o?.m(),
  chainThenCoalesce: (o: any) => o?.x ?? 7,
  nestedInCondition: (o: any, b: any) => (o?.x ?? b) ? 'yes' : 'no',
  inLogic: (a: any, b: any) => a || (b ?? 'z'),
  spread: (a: any, b: any) => ({ ...a, k: 1, ...b }),
  spreadNested: (a: any, b: any) => ({ ...a, inner: { ...b, j: 2 } }),
  plainNullTest: (a: any) => a === null || a === undefined,
  mixedTest: (a: any, b: any) => a === null || b === void 0,
};
`;

function load(code: string): Record<string, (...a: unknown[]) => unknown> {
  const cjs = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS } }).outputText;
  const module = { exports: {} as { cases: Record<string, (...a: unknown[]) => unknown> } };
  new Function('module', 'exports', cjs)(module, module.exports);
  return module.exports.cases;
}

const VALUES: unknown[] = [
  null, undefined, 0, -0, '', 'text', false, true, NaN, 5,
  {}, { x: null }, { x: undefined }, { x: 0 }, { x: '' }, { x: { y: null } }, { x: { y: 3 } },
  { f: null }, { f: (n: number) => n + 1 }, { m() { return this; } }, { k: 9, x: 1 },
];

describe('the build rewrite of null checks and object spreads', () => {
  const es2017 = ts.transpileModule(SOURCE, { compilerOptions: { target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.ESNext } }).outputText;
  const rewritten = looseNullChecks().transform(es2017, '/src/client/sample.ts');

  it('rewrites what TypeScript wrote (the test would prove nothing otherwise)', () => {
    expect(rewritten).not.toBeNull();
    const code = rewritten!.code;
    expect(es2017).toMatch(/!== null && \w+ !== void 0/);
    expect(es2017).toMatch(/=== null \|\| \w+ === void 0/);
    expect(es2017).toMatch(/Object\.assign\(Object\.assign/);
    expect(code).not.toMatch(/!== null && \w+ !== void 0/);
    // Only the two-name test keeps its `=== void 0`.
    expect(es2017.match(/=== void 0/g)!.length).toBeGreaterThan(3);
    expect(code.match(/=== void 0/g)).toHaveLength(1);
    expect(code).not.toMatch(/Object\.assign\(Object\.assign/);
    // A test of two different names is not a null test of one value: left alone.
    expect(code).toMatch(/a === null \|\| b === void 0/);
  });

  it('computes what the source means, for every pair of values', () => {
    const want = load(SOURCE);
    const got = load(rewritten!.code);
    for (const name of Object.keys(want)) {
      for (const a of VALUES) {
        for (const b of VALUES) {
          const run = (f: (...x: unknown[]) => unknown) => {
            try {
              return { value: f(a, b) };
            } catch (e) {
              return { threw: (e as Error).constructor.name };
            }
          };
          expect([name, run(got[name])]).toEqual([name, run(want[name])]);
        }
      }
    }
  });

  it('leaves files that are not TypeScript alone', () => {
    expect(looseNullChecks().transform(es2017, '/node_modules/x/index.js')).toBeNull();
  });
});
