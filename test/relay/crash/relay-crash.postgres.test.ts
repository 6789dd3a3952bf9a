import { Client } from 'pg';
import { usePgCluster } from '../../helpers/pg-cluster';
import { crashTest, DELIVERY_SHAPES, type CrashStorage } from './crash-run';

/**
 * The crash test (`crash-run.ts`) on PostgreSQL: the killed relay and the one that takes over share one database of
 * a throwaway cluster, so a lease the killed relay held is found expired by the next, as on SQLite.
 */
function postgresStorage(cluster: () => ReturnType<ReturnType<typeof usePgCluster>>): CrashStorage {
  let client: Client | undefined;
  let url = '';
  const count = async (sql: string) => Number((await client!.query<{ n: string }>(sql)).rows[0].n);
  return {
    async config() {
      url = await cluster().createDatabase();
      client = new Client({ connectionString: url });
      await client.connect();
      return { postgres: url };
    },
    undelivered: () => count("SELECT COUNT(*) AS n FROM deliveries WHERE status != 'delivered'"),
    async byStatus() {
      const r = await client!.query<{ sink: string; status: string; n: string }>('SELECT sink, status, COUNT(*) AS n FROM deliveries GROUP BY sink, status ORDER BY sink');
      return r.rows.map((row) => ({ sink: row.sink, status: row.status, n: Number(row.n) }));
    },
    purchases: () => count('SELECT COUNT(*) AS n FROM purchases'),
    async close() {
      await client?.end();
    },
  };
}

const cluster = usePgCluster();

describe.each(DELIVERY_SHAPES)('relay crash test on PostgreSQL, %s', (mode, extraEnv) => {
  const storage = postgresStorage(cluster);
  crashTest(mode, extraEnv, () => storage);
});
