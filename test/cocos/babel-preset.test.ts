import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const DROP_IN = join(ROOT, 'assets/minigame-purchase');
const PRESET = '@cocos/creator-programming-babel-preset-cc';

/** The preset Cocos Creator's editor compiles scripts with; a devDependency, so its absence is a failure, not a skip. */
function loadPreset(): unknown {
  try {
    return (require(PRESET) as { default: unknown }).default;
  } catch {
    throw new Error(`${PRESET} is missing: npm install --save-dev ${PRESET}@1.0.7`);
  }
}

/** The names `runtime/minigame-purchase.js` exports at run time (its one `export { a as b, ... }` list). */
function runtimeExports(): Set<string> {
  const js = readFileSync(join(DROP_IN, 'runtime/minigame-purchase.js'), 'utf8');
  const names = new Set<string>();
  for (const list of js.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of list[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  return names;
}

describe("the Cocos components compile with Cocos's own Babel preset", () => {
  const components = readdirSync(DROP_IN).filter((f) => f.endsWith('.ts'));

  it.each(components)('%s: compiles file by file, as the editor does, and imports only what the runtime exports', (file) => {
    const babel = require('@babel/core') as typeof import('@babel/core');
    const preset = loadPreset();
    const out = babel.transformSync(readFileSync(join(DROP_IN, file), 'utf8'), {
      filename: join(DROP_IN, file),
      babelrc: false,
      configFile: false,
      presets: [[preset, { allowDeclareFields: true, useDefineForClassFields: false }]],
    });
    const code = out?.code ?? '';
    expect(code).toContain('_decorator');
    // Compiled alone, a type-only name left in an import would be a missing export at run time.
    const exported = runtimeExports();
    for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]\.\/runtime\/minigame-purchase['"]/g)) {
      const names = m[1].split(',').map((p) => p.trim().split(/\s+as\s+/)[0]).filter(Boolean);
      expect(names.filter((n) => !exported.has(n))).toEqual([]);
    }
  });
});
