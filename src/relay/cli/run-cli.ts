import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, defaultDemoConfig, storageOnly, type LoadConfigOptions } from '../config/load-config';
import type { RelayConfig } from '../config/config-schema';
import { createRelay, RelayConfigError } from '../relay-app';
import { configPath, packageVersion, portInUseHint } from './config-path';
import { DEMO_USAGE, START_USAGE, USAGE } from './usage';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGTERM / SIGINT). */
  stopSignal: Promise<string>;
  /** Where `./relay.json` and the demo's `data/` are looked for. @default process.cwd() */
  cwd?: string;
}

/**
 * The `purchase-relay` command. Resolves the exit code once the command is done (`start` and `demo`: after a stop
 * signal).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const help = rest.includes('--help') || rest.includes('-h');
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    case '--version':
    case '-v':
    case 'version':
      io.out(packageVersion());
      return 0;
    case 'start':
      if (help) return usage(io, START_USAGE);
      return startCommand(rest, io);
    // The other commands are loaded on use: a serving relay should not carry their code (the demo's bundler pulls
    // in the TypeScript compiler, ~60 MB of RSS).
    case 'deliveries': {
      const { DELIVERIES_USAGE, runDeliveriesCommand } = await import('./deliveries-command');
      if (help) return usage(io, DELIVERIES_USAGE);
      const loaded = await storageConfigFrom(rest, io);
      if (!loaded.ok) return 2;
      return runDeliveriesCommand(loaded.rest, loaded.config, { out: io.out, err: io.err });
    }
    case 'reconcile': {
      const { runReconcileCommand } = await import('./reconcile-command');
      return runReconcileCommand(rest, { env: io.env, cwd: io.cwd, out: io.out, err: io.err });
    }
    case 'demo': {
      if (help) return usage(io, DEMO_USAGE);
      const { runDemo } = await import('../demo/run-demo');
      const demo = await runDemo(rest, io);
      if (demo === undefined) return 2;
      // The demo serves until asked to stop.
      const signal = await io.stopSignal;
      io.out(`purchase-relay demo: ${signal}, stopping`);
      await demo.stop();
      return 0;
    }
    default:
      io.err(`purchase-relay: unknown command "${command}"`);
      io.err(USAGE);
      return 2;
  }
}

function usage(io: CliIo, text: string): number {
  io.out(text);
  return 0;
}

async function startCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let flags;
  try {
    flags = parseArgs({ args: [...argv], options: { config: { type: 'string' }, port: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    io.err(`purchase-relay start: ${(err as Error).message}`);
    io.err(START_USAGE);
    return 2;
  }
  if (flags.port !== undefined && !/^\d{1,5}$/.test(flags.port)) {
    io.err(`purchase-relay start: --port is a number from 0 to 65535, not "${flags.port}"`);
    return 2;
  }
  const loaded = await configFrom(flags.config, io, { demoDefault: true });
  if (!loaded.ok) return 2;
  const config = flags.port === undefined ? loaded.config : { ...loaded.config, port: Number(flags.port) };
  // PURCHASE_RELAY_DELIVERY_THREAD=1 runs delivery in a worker thread (measured: ingest while delivering 0.12 -> 0.16
  // of node:http, but the slowest sink drains 0.46 of the ingest rate during a burst against 0.86 on one thread, so a backlog
  // grows while it lasts): off unless asked for. docs/benchmarks.md has the runs.
  const relay = createRelay(config, { deliveryThread: io.env.PURCHASE_RELAY_DELIVERY_THREAD === '1' });
  try {
    const url = await relay.start();
    io.out(`purchase-relay listening on ${url}`);
  } catch (err) {
    if (err instanceof RelayConfigError) {
      for (const p of err.problems) io.err(p);
      return 2;
    }
    const hint = portInUseHint(err, `pick another port with --port N or "port" in ${loaded.path ?? 'the config'}`);
    io.err(`purchase-relay: could not start: ${hint ?? (err as Error).message}`);
    await relay.stop().catch(() => undefined);
    return 1;
  }
  const signal = await io.stopSignal;
  io.out(`purchase-relay: ${signal}, stopping`);
  await relay.stop();
  return 0;
}

type Loaded = { ok: true; config: RelayConfig; path?: string } | { ok: false };

/** The config file (`config-path.ts`), else (start only) the embedded demo config. Problems: one line each. */
async function configFrom(flag: string | undefined, io: CliIo, opts: { demoDefault?: boolean } & LoadConfigOptions = {}): Promise<Loaded> {
  const file = configPath(flag, io.env, io.cwd);
  if (file === undefined) {
    if (opts.demoDefault) {
      io.err('purchase-relay: no --config, RELAY_CONFIG or ./relay.json: running the embedded demo config (sandbox sessions, capture sinks under data/)');
      return { ok: true, config: defaultDemoConfig('data') };
    }
    io.err('purchase-relay: give --config FILE, set RELAY_CONFIG, or put a relay.json in this directory');
    return { ok: false };
  }
  const result = await loadConfig(resolve(io.cwd ?? process.cwd(), file), io.env, { needs: opts.needs });
  if (!result.ok) {
    io.err(`purchase-relay: bad config ${file}:`);
    for (const p of result.problems) io.err(p);
    return { ok: false };
  }
  return { ok: true, config: result.config, path: file };
}

/**
 * The storage of a read-only command: the config's `storage` (its other secrets need not be set), else, with no
 * config at all, the demo's database (`--data DIR`, default `data`), so `purchase-relay deliveries` right after
 * `npm start` shows the demo's deliveries.
 */
async function storageConfigFrom(argv: readonly string[], io: CliIo): Promise<{ ok: true; config: RelayConfig; rest: string[] } | { ok: false }> {
  // --config and --data are this pre-pass's; every other argument goes on to the command's own parser.
  const { tokens } = parseArgs({ args: [...argv], options: { config: { type: 'string' }, data: { type: 'string' } }, strict: false, tokens: true });
  let flag: string | undefined;
  let data: string | undefined;
  const rest: string[] = [];
  let taken = -1;
  for (const t of tokens) {
    if (t.kind === 'option' && (t.name === 'config' || t.name === 'data')) {
      const value = t.value;
      if (value === undefined || value === '' || (t.inlineValue === false && value.startsWith('--'))) {
        io.err(`purchase-relay: --${t.name} needs a value`);
        return { ok: false };
      }
      if (t.name === 'config') flag = value;
      else data = value;
      taken = t.inlineValue ? t.index : t.index + 1;
      continue;
    }
    if (t.index > taken && t.kind !== 'option-terminator') rest.push(argv[t.index]);
  }
  if (flag !== undefined && data !== undefined) {
    io.err('purchase-relay: give --config or --data, not both');
    return { ok: false };
  }
  if (data === undefined && configPath(flag, io.env, io.cwd) !== undefined) {
    const loaded = await configFrom(flag, io, { needs: storageOnly });
    return loaded.ok ? { ok: true, config: loaded.config, rest } : loaded;
  }
  const dir = data ?? 'data';
  const db = resolve(io.cwd ?? process.cwd(), dir, 'relay.db');
  if (!existsSync(db)) {
    io.err(`purchase-relay: no config (--config, RELAY_CONFIG, ./relay.json) and no demo database at ${db}`);
    return { ok: false };
  }
  return { ok: true, config: { ...defaultDemoConfig(dir), storage: { sqlite: db } }, rest };
}
