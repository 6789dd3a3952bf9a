import { loadConfig, defaultDemoConfig } from '../config/load-config';
import type { RelayConfig } from '../config/config-schema';
import { createRelay, RelayConfigError } from '../relay-app';
import { USAGE } from './usage';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGTERM / SIGINT). */
  stopSignal: Promise<string>;
}

/**
 * The `purchase-relay` command. Resolves the exit code once the command is done (`start` and `demo`: after a stop
 * signal).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    case 'start':
      return startCommand(rest, io);
    // The other commands are loaded on use: a serving relay should not carry their code (the demo's bundler pulls
    // in the TypeScript compiler, ~60 MB of RSS).
    case 'deliveries': {
      const loaded = await configFrom(rest, io);
      if (!loaded.ok) return 2;
      const { runDeliveriesCommand } = await import('./deliveries-command');
      return runDeliveriesCommand(loaded.rest, loaded.config);
    }
    case 'reconcile': {
      const { runReconcileCommand } = await import('../reconcile/reconcile-command');
      return runReconcileCommand(rest);
    }
    case 'demo': {
      const { runDemo } = await import('../demo/run-demo');
      await runDemo(rest);
      // The demo serves until asked to stop.
      await io.stopSignal;
      return 0;
    }
    default:
      io.err(`purchase-relay: unknown command "${command}"`);
      io.err(USAGE);
      return 2;
  }
}

async function startCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const loaded = await configFrom(argv, io, { demoDefault: true });
  if (!loaded.ok) return 2;
  if (loaded.rest.length > 0) {
    io.err(`purchase-relay start: unexpected argument "${loaded.rest[0]}"`);
    return 2;
  }
  // PURCHASE_RELAY_DELIVERY_THREAD=1 runs delivery in a worker thread (measured: ingest while delivering 0.12 -> 0.16
  // of node:http, but peak RSS 210-246 MB against 176-189 MB, over the 200 MB budget): off unless asked for.
  const relay = createRelay(loaded.config, { deliveryThread: io.env.PURCHASE_RELAY_DELIVERY_THREAD === '1' });
  try {
    const url = await relay.start();
    io.out(`purchase-relay listening on ${url}`);
  } catch (err) {
    if (err instanceof RelayConfigError) {
      for (const p of err.problems) io.err(p);
      return 2;
    }
    io.err(`purchase-relay: could not start: ${(err as Error).message}`);
    return 1;
  }
  const signal = await io.stopSignal;
  io.out(`purchase-relay: ${signal}, stopping`);
  await relay.stop();
  return 0;
}

type Loaded = { ok: true; config: RelayConfig; rest: string[] } | { ok: false };

/** `--config FILE`, else `$RELAY_CONFIG`, else (start only) the embedded demo config. Problems: one line each. */
async function configFrom(argv: readonly string[], io: CliIo, opts: { demoDefault?: boolean } = {}): Promise<Loaded> {
  let configPath: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config') {
      configPath = argv[++i];
      if (configPath === undefined) {
        io.err('--config needs a file');
        return { ok: false };
      }
    } else if (argv[i].startsWith('--config=')) configPath = argv[i].slice('--config='.length);
    else rest.push(argv[i]);
  }
  configPath ??= io.env.RELAY_CONFIG || undefined;
  if (configPath === undefined) {
    if (opts.demoDefault) {
      io.err('purchase-relay: no --config and no RELAY_CONFIG: running the embedded demo config (sandbox sessions, capture sinks under data/)');
      return { ok: true, config: defaultDemoConfig('data'), rest };
    }
    io.err('purchase-relay: give --config FILE or set RELAY_CONFIG');
    return { ok: false };
  }
  const result = await loadConfig(configPath, io.env);
  if (!result.ok) {
    io.err(`purchase-relay: bad config ${configPath}:`);
    for (const p of result.problems) io.err(p);
    return { ok: false };
  }
  return { ok: true, config: result.config, rest };
}

