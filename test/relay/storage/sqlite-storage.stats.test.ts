import type Database from 'better-sqlite3';
import { SQLITE_STATS_QUERIES } from '../../../src/relay/storage/sqlite-storage';
import { makeItem } from './report-fixture';
import { makeSqliteHarness } from './sqlite-harness';

describe('SQLite stats()', () => {
  it('counts exactly what a full scan counts, after duplicates, a rolled-back group, results and re-queues', async () => {
    const h = await makeSqliteHarness();
    try {
      const conn = (h.storage as unknown as { db: Database.Database }).db;
      const scan = () => {
        const purchases = (conn.prepare('SELECT COUNT(*) AS n FROM purchases').get() as { n: number }).n;
        const rows = conn.prepare('SELECT sink, status, COUNT(*) AS n FROM deliveries GROUP BY sink, status').all() as Array<{ sink: string; status: 'pending' | 'delivered' | 'dead'; n: number }>;
        const deliveries = { pending: 0, delivered: 0, dead: 0 };
        const pendingBySink: Record<string, number> = {};
        const deadBySink: Record<string, number> = {};
        for (const r of rows) {
          deliveries[r.status] += r.n;
          if (r.status === 'pending') pendingBySink[r.sink] = r.n;
          if (r.status === 'dead') deadBySink[r.sink] = r.n;
        }
        return { purchases, deliveries, pendingBySink, deadBySink };
      };
      expect(await h.storage.stats()).toEqual(scan());
      expect(scan().purchases).toBe(0);

      await h.storage.ingest([makeItem({ orderId: 'a', uid: 'u1' }), makeItem({ orderId: 'b', uid: 'u2' }, { sinks: ['tianmu'] })]);
      // Duplicates: conflicting inserts, nothing added.
      await h.storage.ingest([makeItem({ orderId: 'a', uid: 'u1' }), makeItem({ orderId: 'b', uid: 'u2' })]);
      // A group that fails half-way (NOT NULL) rolls back whole: its first purchase must not count either.
      await expect(
        h.storage.ingest([makeItem({ orderId: 'c', uid: 'u3' }), makeItem({ orderId: 'd', currency: null as unknown as string })]),
      ).rejects.toMatchObject({ message: expect.stringMatching(/NOT NULL/) });
      await h.storage.ingest([makeItem({ orderId: 'e', uid: 'u4' }, { sinks: ['kakao', 'hive'] })]);
      expect(await h.storage.stats()).toEqual(scan());
      expect(scan().purchases).toBe(3);

      const [t1, t2] = await h.storage.claimDue('tianmu', Number.MAX_SAFE_INTEGER, 10, 60_000);
      const [k1] = await h.storage.claimDue('kakao', Number.MAX_SAFE_INTEGER, 10, 60_000);
      await h.storage.complete(t1.id, t1.leaseToken, { outcome: 'delivered', at: 1 });
      await h.storage.complete(t2.id, t2.leaseToken, { outcome: 'dead', at: 1, error: 'HTTP 400' });
      await h.storage.complete(k1.id, k1.leaseToken, { outcome: 'dead', at: 1, error: 'HTTP 401' });
      const mid = await h.storage.stats();
      expect(mid).toEqual(scan());
      expect(mid.deliveries).toEqual({ pending: 3, delivered: 1, dead: 2 });
      expect(mid.deadBySink).toEqual({ tianmu: 1, kakao: 1 });

      await h.storage.retryDead([t2.id], 2);
      expect(await h.storage.stats()).toEqual(scan());
      expect((await h.storage.stats()).pendingBySink).toEqual({ tianmu: 1, hive: 2, kakao: 1 });
    } finally {
      await h.dispose();
    }
  });

  it('reads index lookups and ranges only, never a whole table', async () => {
    const h = await makeSqliteHarness();
    try {
      const conn = (h.storage as unknown as { db: Database.Database }).db;
      for (const [name, sql] of Object.entries(SQLITE_STATS_QUERIES)) {
        const explain = conn.prepare(`EXPLAIN QUERY PLAN ${sql}`);
        const rows = (name === 'bySinkStatus' ? explain.all('tianmu', 'pending') : explain.all()) as Array<{ detail: string }>;
        const plan = rows.map((r) => r.detail);
        expect(plan.length).toBeGreaterThan(0);
        // "SCAN <table>" walks every row; "SEARCH" is a lookup or range, "SCAN s" is the CTE's own few rows.
        expect({ name, scans: plan.filter((d) => /^SCAN (purchases|deliveries)\b/.test(d)) }).toEqual({ name, scans: [] });
      }
    } finally {
      await h.dispose();
    }
  });
});
