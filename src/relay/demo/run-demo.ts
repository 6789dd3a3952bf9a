import { startDemo } from './start-demo';

/**
 * `purchase-relay demo [--port N] [--data DIR] [--host H]` and `npm start`. Serves until the process is stopped
 * (the CLI waits for SIGINT / SIGTERM); every acknowledged purchase is already durable in SQLite by then.
 */
export async function runDemo(argv: string[]): Promise<void> {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const port = flag('--port');
  if (port !== undefined && !/^\d+$/.test(port)) throw new Error(`demo: --port must be a number, got "${port}"`);
  const demo = await startDemo({ dataDir: flag('--data') ?? 'data', host: flag('--host'), port: port === undefined ? undefined : Number(port) });
  process.stdout.write(
    `\n  minigame-purchase demo store: ${demo.storeUrl}\n` +
      `  (sandbox payments; deliveries to Tianmu, Hive and Kakao are captured to ${demo.captureDir}/*.jsonl)\n\n`,
  );
}
