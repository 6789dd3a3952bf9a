import Database from 'better-sqlite3';
import { SqliteStorage } from '../../../src/relay/storage/sqlite-storage';
import { SQLITE_MIGRATIONS } from '../../../src/relay/storage/migrations/sqlite-migrations';
import { makeItem } from './report-fixture';
import { makeSqliteHarness } from './sqlite-harness';
import { describeStorageContract } from './storage-contract';

describeStorageContract('SQLite', () => makeSqliteHarness());

describe('SQLite storage specifics', () => {
  it('opens the file in WAL mode with synchronous=FULL and records the applied migrations', async () => {
    const h = await makeSqliteHarness();
    try {
      const db = new Database(h.file, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      db.close();
      expect(versions).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
      // synchronous is per connection: read it from the storage's own connection.
      const conn = (h.storage as unknown as { db: Database.Database }).db;
      expect(conn.pragma('synchronous', { simple: true })).toBe(2);
      expect(conn.pragma('busy_timeout', { simple: true })).toBe(5000);
      // Claims run with NORMAL (a lease need not be durable) and must hand FULL back for everything else.
      await h.storage.ingest([makeItem({ orderId: 'sync' })]);
      expect(await h.storage.claimDue('tianmu', Number.MAX_SAFE_INTEGER, 10, 1000)).toHaveLength(1);
      expect(conn.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await h.dispose();
    }
  });

  it('applies a later migration once, in order, and rolls back a failing one without recording it', async () => {
    const h = await makeSqliteHarness();
    try {
      await h.storage.ingest([makeItem({ orderId: 'kept' })]);
      // Versions after the shipped ones, whatever their number.
      const shipped = SQLITE_MIGRATIONS.map((m) => m.version);
      const L = Math.max(...shipped);
      const more = [
        ...SQLITE_MIGRATIONS,
        { version: L + 2, name: 'c', sql: 'ALTER TABLE purchases ADD COLUMN c3 TEXT' },
        { version: L + 1, name: 'b', sql: "CREATE TABLE m2 (x); INSERT INTO m2 VALUES ('once')" },
      ];
      const next = new SqliteStorage(h.file, { migrations: more });
      await next.migrate();
      await next.migrate();
      expect(next.appliedMigrations()).toEqual([...shipped, L + 1, L + 2]);
      const broken = new SqliteStorage(h.file, {
        migrations: [...more, { version: L + 3, name: 'bad', sql: 'CREATE TABLE m4 (x); INSERT INTO nowhere VALUES (1)' }],
      });
      // Matched by message: better-sqlite3's native side keeps the SqliteError class of the first test file that
      // loaded it, so in a shared jest worker the error can come from another realm and fail toThrow's Error check.
      await expect(broken.migrate()).rejects.toMatchObject({ message: expect.stringMatching(/nowhere/) });
      expect(broken.appliedMigrations()).toEqual([...shipped, L + 1, L + 2]);
      const conn = (broken as unknown as { db: Database.Database }).db;
      expect(conn.prepare("SELECT name FROM sqlite_master WHERE name IN ('m2', 'm4')").all()).toEqual([{ name: 'm2' }]);
      expect(conn.prepare('SELECT x FROM m2').all()).toEqual([{ x: 'once' }]);
      expect((await broken.stats()).purchases).toBe(1);
      await next.close();
      await broken.close();
    } finally {
      await h.dispose();
    }
  });

  it('fails every caller of a group whose transaction fails, and stores none of it', async () => {
    const h = await makeSqliteHarness();
    try {
      // A report that cannot be serialized makes the whole transaction throw.
      const poison = makeItem({ orderId: 'poison', level: 10n as unknown as number });
      const results = await Promise.allSettled([
        h.storage.ingest([makeItem({ orderId: 'innocent1' })]),
        h.storage.ingest([poison]),
        h.storage.ingest([makeItem({ orderId: 'innocent2' })]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((await h.storage.stats()).purchases).toBe(0);
      expect(h.ingestTransactions()).toBe(0);
      // The storage keeps working: the innocent reports go through on their own.
      expect(await h.storage.ingest([makeItem({ orderId: 'innocent1' })])).toEqual([{ status: 'accepted', isFirstPay: true }]);
    } finally {
      await h.dispose();
    }
  });

  it('caps a group at maxGroupItems', async () => {
    const h = await makeSqliteHarness({ maxGroupItems: 10 });
    try {
      await Promise.all(Array.from({ length: 30 }, (_, i) => h.storage.ingest([makeItem({ orderId: `cap${i}` })])));
      expect(h.ingestTransactions()).toBe(3);
    } finally {
      await h.dispose();
    }
  });

  it('finishes queued ingests before closing, then refuses new ones', async () => {
    const h = await makeSqliteHarness();
    const pending = h.storage.ingest([makeItem({ orderId: 'last' })]);
    await h.storage.close();
    expect(await pending).toEqual([{ status: 'accepted', isFirstPay: true }]);
    await expect(h.storage.ingest([makeItem({ orderId: 'late' })])).rejects.toThrow(/closed/);
    const again = new SqliteStorage(h.file);
    expect((await again.stats()).purchases).toBe(1);
    await again.close();
    await h.dispose();
  });
});
