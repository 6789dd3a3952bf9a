import { join } from 'node:path';
import Database from 'better-sqlite3';
import { crashTest, DELIVERY_SHAPES, type CrashStorage } from './crash-run';

/** The crash test (`crash-run.ts`) on one SQLite file shared by the killed relay and the one that takes over. */
function sqliteStorage(): CrashStorage {
  let db: Database.Database | undefined;
  let file = '';
  const open = () => (db ??= new Database(file, { readonly: true }));
  return {
    async config(dir) {
      file = join(dir, 'relay.db');
      return { sqlite: file };
    },
    async undelivered() {
      return (open().prepare("SELECT COUNT(*) AS n FROM deliveries WHERE status != 'delivered'").get() as { n: number }).n;
    },
    async byStatus() {
      return open().prepare('SELECT sink, status, COUNT(*) AS n FROM deliveries GROUP BY sink, status ORDER BY sink').all() as Array<{ sink: string; status: string; n: number }>;
    },
    async purchases() {
      return (open().prepare('SELECT COUNT(*) AS n FROM purchases').get() as { n: number }).n;
    },
    async close() {
      db?.close();
    },
  };
}

describe.each(DELIVERY_SHAPES)('relay crash test on SQLite, %s', (mode, extraEnv) => {
  const storage = sqliteStorage();
  crashTest(mode, extraEnv, () => storage);
});
