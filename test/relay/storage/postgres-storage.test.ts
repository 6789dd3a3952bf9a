import { Client } from 'pg';
import { openStorage } from '../../../src/relay/storage/open-storage';
import { PostgresStorage } from '../../../src/relay/storage/postgres-storage';
import { POSTGRES_MIGRATIONS } from '../../../src/relay/storage/migrations/postgres-migrations';
import { usePgCluster } from '../../helpers/pg-cluster';
import { makePostgresHarness } from './postgres-harness';
import { makeItem } from './report-fixture';
import { describeStorageContract } from './storage-contract';

const pg = usePgCluster();

describeStorageContract('PostgreSQL', () => makePostgresHarness(pg()));

describe('PostgreSQL storage specifics', () => {
  it('is what a config with storage.postgres opens, migrated', async () => {
    const url = await pg().createDatabase();
    const storage = await openStorage({ postgres: url });
    try {
      expect(storage).toBeInstanceOf(PostgresStorage);
      expect(await (storage as PostgresStorage).appliedMigrations()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      expect(await storage.ingest([makeItem({ orderId: 'via-config' })])).toEqual([{ status: 'accepted', isFirstPay: true }]);
    } finally {
      await storage.close();
      await pg().dropDatabase(url);
    }
  });

  it('applies each migration once when several relays migrate a fresh database at the same moment', async () => {
    const url = await pg().createDatabase();
    const relays = Array.from({ length: 4 }, () => new PostgresStorage(url));
    try {
      await Promise.all(relays.map((r) => r.migrate()));
      const c = new Client({ connectionString: url });
      await c.connect();
      const rows = (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows;
      await c.end();
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
    } finally {
      await Promise.all(relays.map((r) => r.close()));
      await pg().dropDatabase(url);
    }
  });

  it('rolls back a failing migration without recording it, and applies a later one in order', async () => {
    const url = await pg().createDatabase();
    const bad = new PostgresStorage(url, {
      migrations: [...POSTGRES_MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE half (x INT); SELECT nonsense FROM nowhere;' }],
    });
    const shipped = POSTGRES_MIGRATIONS.map((m) => m.version);
    const next = Math.max(...shipped) + 1;
    const good = new PostgresStorage(url, {
      migrations: [...POSTGRES_MIGRATIONS, { version: next, name: 'extra column', sql: 'ALTER TABLE purchases ADD COLUMN note TEXT' }],
    });
    try {
      await expect(bad.migrate()).rejects.toThrow(/nowhere/);
      expect(await bad.appliedMigrations()).toEqual(shipped);
      await good.migrate();
      await good.migrate();
      expect(await good.appliedMigrations()).toEqual([...shipped, next]);
      const c = new Client({ connectionString: url });
      await c.connect();
      const half = await c.query(`SELECT to_regclass('half') AS t`);
      await c.end();
      expect(half.rows[0].t).toBeNull();
    } finally {
      await bad.close();
      await good.close();
      await pg().dropDatabase(url);
    }
  });

  it('keeps amounts, times and ids as exact numbers, not strings', async () => {
    const h = await makePostgresHarness(pg());
    try {
      const big = 999_999_999_999;
      await h.storage.ingest([makeItem({ orderId: 'big', amount: big, paidAt: 4_102_444_800_000 }, { receivedAt: 4_102_444_800_001 })]);
      const [p] = await h.storage.purchasesBetween('wx1234567891234567', 0, Number.MAX_SAFE_INTEGER);
      expect(p).toMatchObject({ amount: big, paidAt: 4_102_444_800_000 });
      const [d] = await h.storage.listDeliveries({ limit: 1 });
      expect(typeof d.id).toBe('number');
      expect(d.createdAt).toBe(4_102_444_800_001);
      expect((await h.storage.stats()).purchases).toBe(1);
    } finally {
      await h.dispose();
    }
  });
});
