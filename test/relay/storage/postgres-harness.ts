import { PostgresStorage, type PostgresStorageOptions } from '../../../src/relay/storage/postgres-storage';
import type { PgCluster } from '../../helpers/pg-cluster';
import type { StorageHarness } from './storage-contract';

/** A fresh, migrated, empty database on `cluster`, with its ingest transactions counted; dropped by `dispose`. */
export async function makePostgresHarness(cluster: PgCluster, options: PostgresStorageOptions = {}): Promise<StorageHarness & { url: string }> {
  const url = await cluster.createDatabase();
  let transactions = 0;
  const opened: PostgresStorage[] = [];
  const storage = new PostgresStorage(url, { ...options, onIngestCommit: () => void transactions++ });
  opened.push(storage);
  await storage.migrate();
  return {
    url,
    storage,
    ingestTransactions: () => transactions,
    async openAnother() {
      const other = new PostgresStorage(url);
      opened.push(other);
      await other.migrate();
      return other;
    },
    async dispose() {
      for (const s of opened) await s.close();
      await cluster.dropDatabase(url);
    },
  };
}
