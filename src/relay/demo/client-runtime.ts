import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package root: the nearest folder up from here with the package's package.json (src/ or dist/relay/ below it). */
function packageRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'minigame-purchase') return dir;
  }
  throw new Error(`no minigame-purchase package.json above ${__dirname}`);
}

/** What the demo needs of rollup.config.js (a checkout's, CommonJS). */
interface ClientBuildConfig {
  iifeBuild(file?: string): import('rollup').RollupOptions & { output: import('rollup').OutputOptions };
  newestClientSource(): number;
}

/**
 * The demo page's client runtime, the browser build of the kit and the catalog (global `MinigamePurchase`):
 * `dist/client/minigame-purchase.iife.js`, which `npm run build` writes from rollup.config.js. A published package
 * serves the file it ships. In a checkout (rollup.config.js present) a missing or stale file (older than a client
 * source) is built first through rollup's API from that same config, so `npm install && npm start` needs no build
 * step and never serves an old client; later starts reuse the file.
 */
export async function demoClientRuntime(): Promise<string> {
  const root = packageRoot();
  const configFile = join(root, 'rollup.config.js');
  const file = join(root, 'dist/client/minigame-purchase.iife.js');
  if (existsSync(configFile)) {
    // Loaded only in a checkout: rollup and its plugins are dev dependencies.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(configFile) as ClientBuildConfig;
    if (!existsSync(file) || statSync(file).mtimeMs <= config.newestClientSource()) {
      const { rollup } = await import('rollup');
      // Written aside and renamed, so a second demo starting at the same time never reads half a file.
      const options = config.iifeBuild(`${file}.${process.pid}.tmp`);
      const bundle = await rollup(options);
      try {
        await bundle.write(options.output);
      } finally {
        await bundle.close();
      }
      renameSync(options.output.file!, file);
    }
  }
  if (!existsSync(file)) throw new Error(`the demo page's client runtime is missing: ${file} (npm run build writes it)`);
  return readFileSync(file, 'utf8');
}
