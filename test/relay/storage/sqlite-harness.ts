import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage, type SqliteStorageOptions } from '../../../src/relay/storage/sqlite-storage';
import type { StorageHarness } from './storage-contract';

/** A fresh, migrated SQLite file in a temp dir, with its ingest transactions counted. */
export async function makeSqliteHarness(options: SqliteStorageOptions = {}): Promise<StorageHarness & { file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-sqlite-'));
  const file = join(dir, 'relay.db');
  let transactions = 0;
  const opened: SqliteStorage[] = [];
  const storage = new SqliteStorage(file, { ...options, onIngestCommit: () => void transactions++ });
  opened.push(storage);
  await storage.migrate();
  return {
    file,
    storage,
    ingestTransactions: () => transactions,
    async openAnother() {
      const other = new SqliteStorage(file);
      opened.push(other);
      await other.migrate();
      return other;
    },
    async dispose() {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
