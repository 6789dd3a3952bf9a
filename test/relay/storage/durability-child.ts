/**
 * Child process of `sqlite-storage.durability.test.ts`: ingests concurrently, prints each acknowledged order id
 * (synchronously, so a printed line was acknowledged), and SIGKILLs itself right after the `killAfter`-th ack while
 * other groups are still queued or committing.
 */
import { writeSync } from 'node:fs';
import { SqliteStorage } from '../../../src/relay/storage/sqlite-storage';
import { makeItem } from './report-fixture';

const [file, prefix, killAfterArg] = process.argv.slice(2);
const killAfter = Number(killAfterArg);

async function main(): Promise<void> {
  const storage = new SqliteStorage(file);
  await storage.migrate();
  let acked = 0;
  let n = 0;
  const wave = (): void => {
    for (let i = 0; i < 25; i++) {
      const orderId = `${prefix}-${n++}`;
      void storage.ingest([makeItem({ orderId, uid: `u${n % 7}` })]).then(([out]) => {
        writeSync(1, `${out.status} ${orderId}\n`);
        if (++acked >= killAfter) process.kill(process.pid, 'SIGKILL');
      });
    }
    setImmediate(wave);
  };
  wave();
}

void main();
