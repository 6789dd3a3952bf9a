/**
 * Child process of `sqlite-storage.completion-durability.test.ts`: ingests `total` purchases (Tianmu only), claims
 * them all, then records them `delivered` in waves, as the worker would after each upstream success. It prints
 * `sent <id>` before a completion is submitted and `done <id>` once it resolved (both synchronously, so a printed
 * line happened), and SIGKILLs itself right after the `killAfter`-th `done` while later completions are queued or
 * committing.
 */
import { writeSync } from 'node:fs';
import { SqliteStorage } from '../../../src/relay/storage/sqlite-storage';
import { makeItem } from './report-fixture';

const [file, prefix, totalArg, killAfterArg] = process.argv.slice(2);
const total = Number(totalArg);
const killAfter = Number(killAfterArg);

/** stdout is a non-blocking pipe: a full pipe answers EAGAIN, so a line is retried until it is written. */
function print(line: string): void {
  const buf = Buffer.from(line + '\n');
  let at = 0;
  while (at < buf.length) {
    try {
      at += writeSync(1, buf, at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
  }
}

async function main(): Promise<void> {
  const storage = new SqliteStorage(file);
  await storage.migrate();
  const items = Array.from({ length: total }, (_, i) => makeItem({ orderId: `${prefix}-${i}`, uid: `u${i % 7}` }, { sinks: ['tianmu'] }));
  await storage.ingest(items);
  const claimed = await storage.claimDue('tianmu', Number.MAX_SAFE_INTEGER, total, 600_000);
  let done = 0;
  let next = 0;
  const wave = (): void => {
    for (let i = 0; i < 20 && next < claimed.length; i++) {
      const row = claimed[next++];
      print(`sent ${row.id}`);
      void storage.complete(row.id, row.leaseToken, { outcome: 'delivered', at: Date.now() }).then((kept) => {
        print(`done ${row.id} ${kept}`);
        if (++done >= killAfter) process.kill(process.pid, 'SIGKILL');
      });
    }
    setImmediate(wave);
  };
  wave();
}

void main();
