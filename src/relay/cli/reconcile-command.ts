import { join, resolve } from 'node:path';
import type { RelayConfig } from '../config/config-schema';
import { configPath as findConfigPath } from './config-path';
import { parseFlags } from './flags';
import { loadConfig } from '../config/load-config';
import { openStorage } from '../storage/open-storage';
import type { Clock } from '../reconcile/clock';
import { ReconcileError } from '../reconcile/reconcile-error';
import { runReconcile } from '../reconcile/reconcile-run';
import { reconcileWindow } from '../reconcile/reconcile-window';
import { summaryTable, writeReport } from '../reconcile/report-writer';

export const RECONCILE_USAGE = `usage: purchase-relay reconcile [--config FILE] --app APP_ID --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR] [--fresh]

  Compares Gravity Engine's order report with the relay's purchases for China-time days FROM..TO (inclusive).
  --config FILE  the relay config (default: $RELAY_CONFIG, else ./relay.json); only its "storage" and the game's
                 "gravity" are read, so only their environment variables need be set
  --app APP_ID   the game's appId in the config; it must have a "gravity" section
  --out DIR      where the difference files go (default: data/reconcile/APP_ID/FROM_TO)
  --fresh        pull from Gravity again even if a finished pull of this range is stored

  Exit status: 0 no differences, 1 differences found, 2 usage or config error,
  3 Gravity or storage failure (what was fetched is kept: run again to resume), 130 interrupted (same).`;

/** Exit codes: a scheduler or CI can tell "differences" from "could not reconcile". */
export const EXIT = { clean: 0, differences: 1, usage: 2, failed: 3, interrupted: 130 } as const;

export interface ReconcileCommandIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Where `./relay.json` is looked for. @default process.cwd() */
  cwd?: string;
  /** @default the system clock */
  clock?: Clock;
  /** Aborting stops the run between calls; the pull so far stays stored. */
  signal?: AbortSignal;
}

interface Args {
  config?: string;
  app?: string;
  from?: string;
  to?: string;
  out?: string;
  fresh: boolean;
  help: boolean;
}

export function parseReconcileArgs(argv: readonly string[]): { ok: true; args: Args } | { ok: false; problem: string } {
  const parsed = parseFlags(argv, {
    config: { type: 'string' },
    app: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    fresh: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return parsed;
  const v = parsed.values as Partial<Record<'config' | 'app' | 'from' | 'to' | 'out', string>> & { fresh?: boolean; help?: boolean };
  const args: Args = { fresh: v.fresh === true, help: v.help === true };
  for (const k of ['config', 'app', 'from', 'to', 'out'] as const) if (v[k] !== undefined) args[k] = v[k];
  return { ok: true, args };
}

/** `purchase-relay reconcile ...` with its I/O injected; resolves the exit code. */
export async function reconcileCommand(argv: readonly string[], io: ReconcileCommandIo): Promise<number> {
  const parsed = parseReconcileArgs(argv);
  if (!parsed.ok) {
    io.err(`reconcile: ${parsed.problem}`);
    io.err(RECONCILE_USAGE);
    return EXIT.usage;
  }
  const a = parsed.args;
  if (a.help) {
    io.out(RECONCILE_USAGE);
    return EXIT.clean;
  }
  const missing = (['app', 'from', 'to'] as const).filter((k) => a[k] === undefined);
  if (missing.length) {
    io.err(`reconcile: missing ${missing.map((k) => `--${k}`).join(', ')}`);
    io.err(RECONCILE_USAGE);
    return EXIT.usage;
  }
  try {
    reconcileWindow(a.from!, a.to!);
  } catch (err) {
    io.err(`reconcile: ${(err as Error).message}`);
    return EXIT.usage;
  }
  const configPath = findConfigPath(a.config, io.env, io.cwd);
  if (!configPath) {
    io.err('reconcile: give --config FILE, set RELAY_CONFIG, or put a relay.json in this directory');
    return EXIT.usage;
  }
  const needs = (path: string) => path === 'storage' || path.startsWith('storage.') || /^games\[\d+\]\.gravity\./.test(path);
  const loaded = await loadConfig(resolve(io.cwd ?? process.cwd(), configPath), io.env, { needs });
  if (!loaded.ok) {
    io.err(`reconcile: bad config ${configPath}:`);
    for (const p of loaded.problems) io.err(`  ${p}`);
    return EXIT.usage;
  }
  const config: RelayConfig = loaded.config;
  const game = config.games.find((g) => g.appId === a.app);
  if (!game || !game.gravity) {
    const withGravity = config.games.filter((g) => g.gravity).map((g) => g.appId);
    io.err(`reconcile: ${game ? `game ${a.app} has no "gravity" section` : `no game ${a.app} in ${configPath}`}` +
      `; games with gravity: ${withGravity.length ? withGravity.join(', ') : 'none'}`);
    return EXIT.usage;
  }

  let store;
  try {
    store = await openStorage(config.storage);
  } catch (err) {
    io.err(`reconcile: cannot open storage: ${(err as Error).message}`);
    return EXIT.failed;
  }
  let lastPage = 0;
  try {
    const outcome = await runReconcile({
      appId: game.appId,
      gravity: game.gravity,
      store,
      fromDay: a.from!,
      toDay: a.to!,
      fresh: a.fresh,
      clock: io.clock,
      signal: io.signal,
      onProgress: (p) => {
        if (p.type === 'page') lastPage = p.page;
        io.err(`reconcile: ${p.text}`);
      },
    });
    const meta = { appId: game.appId, gravityAppId: game.gravity.appId };
    const dir = a.out ?? join('data', 'reconcile', game.appId, `${a.from}_${a.to}`);
    const files = writeReport(dir, outcome, meta);
    io.out(summaryTable(outcome, meta));
    io.out('');
    io.out(`Differences written to ${dir}: ${files.map((f) => f.slice(dir.length + 1)).join(', ')}`);
    const c = outcome.report.counts;
    return c.missingInGravity + c.missingInRelay + c.amountMismatch + c.duplicateInGravity > 0 ? EXIT.differences : EXIT.clean;
  } catch (err) {
    if (io.signal?.aborted) {
      io.err(`reconcile: stopped${lastPage ? ` after page ${lastPage}` : ''}; run the same command again to resume`);
      return EXIT.interrupted;
    }
    if (err instanceof ReconcileError) {
      io.err(`reconcile: ${err.message} [${err.code}]`);
      if (err.code !== 'auth') io.err('reconcile: the pages fetched so far are stored; run the same command again to resume');
      return EXIT.failed;
    }
    io.err(`reconcile: ${(err as Error).message}`);
    return EXIT.failed;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** `purchase-relay reconcile ...`; resolves the exit code. SIGINT / SIGTERM stop it between calls. */
export async function runReconcileCommand(argv: string[], io: Pick<ReconcileCommandIo, 'out' | 'err' | 'env' | 'cwd'>): Promise<number> {
  const ac = new AbortController();
  const stop = () => ac.abort(new Error('interrupted'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    return await reconcileCommand(argv, { ...io, signal: ac.signal });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
