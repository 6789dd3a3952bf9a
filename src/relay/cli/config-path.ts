import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The config file a command reads: `--config FILE`, else `$RELAY_CONFIG`, else `./relay.json` when there is one. */
export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  if (flag !== undefined) return flag;
  if (env.RELAY_CONFIG) return env.RELAY_CONFIG;
  return existsSync(join(cwd, 'relay.json')) ? 'relay.json' : undefined;
}

/** The package's version, from its package.json (found upwards: the source and the build sit at different depths). */
export function packageVersion(from = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'minigame-purchase' && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

/** An EADDRINUSE from `listen`, said with the way out. */
export function portInUseHint(err: unknown, how: string): string | undefined {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.code !== 'EADDRINUSE') return undefined;
  const where = e.port !== undefined ? `${e.address ?? ''}:${e.port}` : 'the port';
  return `${where} is in use (another relay or demo still running?): ${how}, or stop the other process`;
}
