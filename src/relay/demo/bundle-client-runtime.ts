import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * The client runtime entry: the kit's public API and the catalog's (`src/client/catalog/runtime.ts`), next to this
 * file in a checkout, or under the package root when the relay runs compiled from `dist/relay/relay/`.
 */
export const CLIENT_RUNTIME_ENTRY =
  [resolve(__dirname, '../../client/catalog/runtime.ts'), resolve(__dirname, '../../../../src/client/catalog/runtime.ts')].find(
    (f) => ts.sys.fileExists(f),
  ) ?? resolve(__dirname, '../../client/catalog/runtime.ts');

/** The global the browser build defines; the demo page script reads it. */
export const RUNTIME_GLOBAL = 'MinigamePurchase';

/**
 * Bundles the client runtime with rollup's JS API, from the same sources as `npm run build`. TypeScript is only
 * transpiled here (ES2017, like the client build): `npm test` type-checks it. Used by the demo at start-up
 * (`iife`, about a second, so `npm start` needs no prior build) and by `scripts/build-cocos-runtime.js` (`es`).
 */
export async function bundleClientRuntime(format: 'es' | 'iife'): Promise<string> {
  // Loaded lazily: rollup is a dev dependency, needed only by the demo and the build script.
  if (!ts.sys.fileExists(CLIENT_RUNTIME_ENTRY)) {
    throw new Error(`the demo bundles the client from source and cannot find ${CLIENT_RUNTIME_ENTRY}: run it from a checkout (npm start)`);
  }
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const root = resolve(__dirname, '../../..');
  const bundle = await rollup({
    input: CLIENT_RUNTIME_ENTRY,
    plugins: [tsResolve(), transpileTs(root), nodeResolve({ extensions: ['.ts', '.js'] })],
    onwarn(warning, warn) {
      // TypeScript's helpers test `this` at module top level; both are harmless in a bundle.
      if (warning.code !== 'CIRCULAR_DEPENDENCY' && warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
  });
  try {
    const { output } = await bundle.generate({
      format,
      name: RUNTIME_GLOBAL,
      exports: 'named',
      banner: `/* minigame-purchase client runtime (${format}); generated from src/client, do not edit */`,
    });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

/** `./x` from a .ts file means `./x.ts` (or `./x/index.ts`). */
function tsResolve() {
  return {
    name: 'ts-resolve',
    resolveId(source: string, importer: string | undefined) {
      if (!importer || !source.startsWith('.')) return null;
      const base = resolve(dirname(importer), source);
      for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
        if (ts.sys.fileExists(candidate)) return candidate;
      }
      return null;
    },
  };
}

function transpileTs(root: string) {
  return {
    name: 'transpile-ts',
    transform(code: string, id: string) {
      if (!id.endsWith('.ts')) return null;
      if (id.includes('node_modules')) throw new Error(`client runtime may not import a package: ${id}`);
      const out = ts.transpileModule(code, {
        fileName: relative(root, id),
        compilerOptions: {
          target: ts.ScriptTarget.ES2017,
          module: ts.ModuleKind.ESNext,
          isolatedModules: true,
          sourceMap: false,
          importHelpers: false,
        },
      });
      return { code: out.outputText, map: null };
    },
  };
}
