import { parseArgs } from 'node:util';
import { portInUseHint } from '../cli/config-path';
import { DEMO_USAGE } from '../cli/usage';
import { startDemo, type Demo } from './start-demo';

export interface DemoIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `purchase-relay demo [--port N] [--data DIR] [--host H]` and `npm start`. Resolves the running demo (the CLI stops
 * it on SIGINT / SIGTERM; every acknowledged purchase is already durable in SQLite by then), or undefined after
 * saying why it could not start.
 */
export async function runDemo(argv: string[], io: DemoIo): Promise<Demo | undefined> {
  let flags;
  try {
    flags = parseArgs({ args: argv, options: { port: { type: 'string' }, data: { type: 'string' }, host: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    io.err(`purchase-relay demo: ${(err as Error).message}`);
    io.err(DEMO_USAGE);
    return undefined;
  }
  if (flags.port !== undefined && !/^\d{1,5}$/.test(flags.port)) {
    io.err(`purchase-relay demo: --port is a number from 0 to 65535, not "${flags.port}"`);
    return undefined;
  }
  const dataDir = flags.data ?? 'data';
  let demo: Demo;
  try {
    demo = await startDemo({ dataDir, host: flags.host, port: flags.port === undefined ? undefined : Number(flags.port) });
  } catch (err) {
    const hint = portInUseHint(err, 'pick another with: npm start -- --port 8788 (or purchase-relay demo --port N; 0 picks a free one)');
    if (hint === undefined) throw err;
    io.err(`purchase-relay demo: could not start: ${hint}`);
    return undefined;
  }
  const inspect = `npx purchase-relay deliveries${dataDir === 'data' ? '' : ` --data ${dataDir}`}`;
  io.out(
    `\n  minigame-purchase demo store: ${demo.storeUrl}\n` +
      `  (sandbox payments; deliveries to Tianmu, Hive and Kakao are captured to ${demo.captureDir}/*.jsonl)\n` +
      `  its deliveries, from another terminal: ${inspect}   (${inspect} --status dead, --json, --help)\n`,
  );
  return demo;
}
