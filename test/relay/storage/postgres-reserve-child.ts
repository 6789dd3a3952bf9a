/**
 * Child process of `postgres-storage.concurrency.test.ts`: one "relay" that waits for the go signal on stdin, then
 * asks `reserveCall` for the same key `tries` times as fast as it can, and prints how many it won.
 */
import { writeSync } from 'node:fs';
import { PostgresStorage } from '../../../src/relay/storage/postgres-storage';

const [url, key, triesArg, nowArg] = process.argv.slice(2);

async function main(): Promise<void> {
  const storage = new PostgresStorage(url, { maxConnections: 4 });
  await storage.migrate();
  writeSync(1, 'ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const now = Number(nowArg);
  const results = await Promise.all(Array.from({ length: Number(triesArg) }, (_, i) => storage.reserveCall(key, 600_000, now + i)));
  writeSync(1, `won ${results.filter((r) => r.ok).length}\n`);
  await storage.close();
}

main().catch((err) => {
  writeSync(2, String(err?.stack ?? err));
  process.exit(1);
});
