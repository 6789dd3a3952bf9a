import type { Storage } from '../../../src/relay/storage/storage';
import { makeItem } from './report-fixture';

/** What a storage implementation hands the contract suite. */
export interface StorageHarness {
  storage: Storage;
  /** How many ingest transactions committed so far (the group-commit test counts them). */
  ingestTransactions(): number;
  /** A second, independent handle on the same database (another relay process, or a restart). */
  openAnother(): Promise<Storage>;
  /** Closes everything opened and removes the database. */
  dispose(): Promise<void>;
}

const T0 = 1_763_800_001_000;
const LEASE = 30_000;

/**
 * The behaviour every `Storage` must have, as one reusable suite: SQLite runs it in `sqlite-storage.test.ts`,
 * Postgres in `postgres-storage.test.ts`. `makeStorage` gives a fresh, migrated, empty database each time.
 */
export function describeStorageContract(name: string, makeStorage: () => Promise<StorageHarness>): void {
  describe(`Storage contract: ${name}`, () => {
    let h: StorageHarness;
    let s: Storage;
    beforeEach(async () => {
      h = await makeStorage();
      s = h.storage;
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe('ingest', () => {
      it('is idempotent on (appId, orderId) and keeps the first report unchanged', async () => {
        expect(await s.ingest([makeItem({ orderId: 'o1', amount: 600 })])).toEqual([{ status: 'accepted', isFirstPay: true }]);
        // A resend differs only in what the relay decides or the client may re-stamp (ip, time received): a duplicate.
        expect(await s.ingest([makeItem({ orderId: 'o1', amount: 600 }, { clientIp: '198.51.100.1', receivedAt: T0 + 9 })])).toEqual([{ status: 'duplicate' }]);
        // The same order id in another game is another purchase.
        expect(await s.ingest([makeItem({ orderId: 'o1', appId: 'wxother' })])).toEqual([{ status: 'accepted', isFirstPay: true }]);
        const stored = await s.purchasesBetween('wx1234567891234567', 0, Number.MAX_SAFE_INTEGER);
        expect(stored).toEqual([expect.objectContaining({ orderId: 'o1', amount: 600 })]);
        expect((await s.stats()).purchases).toBe(2);
      });

      it('answers one accepted and one duplicate for the same order twice in one call', async () => {
        const out = await s.ingest([makeItem({ orderId: 'dup' }), makeItem({ orderId: 'dup' })]);
        expect(out).toEqual([{ status: 'accepted', isFirstPay: true }, { status: 'duplicate' }]);
        expect(await s.listDeliveries({})).toHaveLength(3);
      });

      it('answers one accepted and one duplicate for the same order in two concurrent calls', async () => {
        const out = await Promise.all([s.ingest([makeItem({ orderId: 'race' })]), s.ingest([makeItem({ orderId: 'race' })])]);
        expect(out.flat().map((o) => o.status).sort()).toEqual(['accepted', 'duplicate']);
        expect(await s.listDeliveries({})).toHaveLength(3);
      });

      it('decides first pay per (appId, uid), including inside one group', async () => {
        const out = await Promise.all([
          s.ingest([makeItem({ orderId: 'a1', uid: 'u1' }), makeItem({ orderId: 'a2', uid: 'u1' })]),
          s.ingest([makeItem({ orderId: 'a3', uid: 'u1' })]),
          s.ingest([makeItem({ orderId: 'b1', uid: 'u2' })]),
          s.ingest([makeItem({ orderId: 'c1', uid: 'u1', appId: 'wxother' })]),
        ]);
        const firstPay = out.flat().map((o) => (o.status === 'accepted' ? o.isFirstPay : 'dup'));
        // u1 in the main game: exactly one first pay among a1, a2, a3, and it is the earliest in the group.
        expect(firstPay).toEqual([true, false, false, true, true]);
        // A later duplicate of the first order does not make anything a first pay again.
        expect(await s.ingest([makeItem({ orderId: 'a1', uid: 'u1' }), makeItem({ orderId: 'a4', uid: 'u1' })])).toEqual([
          { status: 'duplicate' },
          { status: 'accepted', isFirstPay: false },
        ]);
      });

      it('creates one pending delivery per enabled sink, due at once, and none for a duplicate', async () => {
        await s.ingest([
          makeItem({ orderId: 'three' }, { sinks: ['tianmu', 'hive', 'kakao'], receivedAt: T0 }),
          makeItem({ orderId: 'one' }, { sinks: ['hive'], receivedAt: T0 }),
          makeItem({ orderId: 'none' }, { sinks: [], receivedAt: T0 }),
        ]);
        await s.ingest([makeItem({ orderId: 'three' }, { sinks: ['tianmu'] })]);
        const rows = await s.listDeliveries({});
        expect(rows.map((r) => `${r.orderId}:${r.sink}:${r.status}:${r.attempts}`).sort()).toEqual([
          'one:hive:pending:0',
          'three:hive:pending:0',
          'three:kakao:pending:0',
          'three:tianmu:pending:0',
        ]);
        expect(rows.every((r) => r.nextAttemptAt === T0 && r.createdAt === T0 && r.lastError === null)).toBe(true);
        const stats = await s.stats();
        expect(stats.deliveries).toEqual({ pending: 4, delivered: 0, dead: 0 });
        expect(stats.pendingBySink).toEqual({ tianmu: 1, hive: 2, kakao: 1 });
      });

      it('uses fewer transactions than calls when calls overlap (group commit)', async () => {
        const before = h.ingestTransactions();
        const n = 40;
        const out = await Promise.all(Array.from({ length: n }, (_, i) => s.ingest([makeItem({ orderId: `g${i}`, uid: `u${i}` })])));
        expect(out.flat().every((o) => o.status === 'accepted')).toBe(true);
        const used = h.ingestTransactions() - before;
        expect(used).toBeGreaterThanOrEqual(1);
        expect(used).toBeLessThan(n / 4);
        expect((await s.stats()).purchases).toBe(n);
      });
    });

    describe('order id conflicts', () => {
      const CONFLICT = (...fields: string[]) => ({ status: 'rejected', code: 'ORDER_ID_CONFLICT', fields });

      it('rejects the same order id with another uid, amount, currency or product, and stores nothing of it', async () => {
        expect(await s.ingest([makeItem({ orderId: 'taken', uid: 'alice' })])).toEqual([{ status: 'accepted', isFirstPay: true }]);
        const out = await s.ingest([
          makeItem({ orderId: 'taken', uid: 'mallory' }),
          makeItem({ orderId: 'taken', uid: 'alice', amount: 1 }),
          makeItem({ orderId: 'taken', uid: 'alice', currency: 'USD' }),
          makeItem({ orderId: 'taken', uid: 'alice', productId: 'other.pack' }),
          makeItem({ orderId: 'taken', uid: 'alice' }),
        ]);
        expect(out).toEqual([CONFLICT('uid'), CONFLICT('amount'), CONFLICT('currency'), CONFLICT('productId'), { status: 'duplicate' }]);
        // mallory's report did not make mallory a paying player, nor add a delivery.
        expect(await s.ingest([makeItem({ orderId: 'mallory-own', uid: 'mallory' })])).toEqual([{ status: 'accepted', isFirstPay: true }]);
        expect(await s.purchasesBetween('wx1234567891234567', 0, Number.MAX_SAFE_INTEGER)).toEqual([
          expect.objectContaining({ orderId: 'taken', uid: 'alice', amount: 999, currency: 'CNY' }),
          expect.objectContaining({ orderId: 'mallory-own', uid: 'mallory' }),
        ]);
        expect(await s.listDeliveries({})).toHaveLength(6);
      });

      it('lets the first of a group win and rejects a conflicting later one in the same group', async () => {
        const out = await s.ingest([makeItem({ orderId: 'g', uid: 'alice' }), makeItem({ orderId: 'g', uid: 'mallory' }), makeItem({ orderId: 'g', uid: 'alice' })]);
        expect(out).toEqual([{ status: 'accepted', isFirstPay: true }, CONFLICT('uid'), { status: 'duplicate' }]);
        const [c] = await s.claimDue('tianmu', Number.MAX_SAFE_INTEGER, 10, LEASE);
        expect(c.purchase.report.uid).toBe('alice');
      });

      it('gives the order to exactly one of two handles receiving conflicting reports at the same moment', async () => {
        const other = await h.openAnother();
        try {
          for (let i = 0; i < 10; i++) {
            const [a, b] = await Promise.all([
              s.ingest([makeItem({ orderId: `race${i}`, uid: 'alice' })]),
              other.ingest([makeItem({ orderId: `race${i}`, uid: 'mallory', amount: 1 })]),
            ]);
            const outcomes = [a[0], b[0]].map((o) => o.status + (o.status === 'rejected' ? `:${o.code}` : ''));
            expect(outcomes.sort()).toEqual(['accepted', 'rejected:ORDER_ID_CONFLICT']);
          }
          expect((await s.stats()).purchases).toBe(10);
          expect(await s.listDeliveries({ limit: 1000 })).toHaveLength(30);
        } finally {
          await other.close();
        }
      });
    });

    describe('claims and leases', () => {
      it('claims only due pending rows of the asked sink, oldest first, up to the limit', async () => {
        await s.ingest([makeItem({ orderId: 'early' }, { receivedAt: T0, sinks: ['tianmu', 'hive'] })]);
        await s.ingest([makeItem({ orderId: 'late' }, { receivedAt: T0 + 5000, sinks: ['tianmu'] })]);
        expect(await s.claimDue('tianmu', T0 - 1, 10, LEASE)).toEqual([]);
        const first = await s.claimDue('tianmu', T0 + 10_000, 1, LEASE);
        expect(first.map((c) => c.purchase.report.orderId)).toEqual(['early']);
        expect(first[0].sink).toBe('tianmu');
        const rest = await s.claimDue('tianmu', T0 + 10_000, 10, LEASE);
        expect(rest.map((c) => c.purchase.report.orderId)).toEqual(['late']);
        expect((await s.claimDue('hive', T0, 10, LEASE)).map((c) => c.sink)).toEqual(['hive']);
      });

      it('returns the stored purchase with what the relay decided', async () => {
        const item = makeItem({ orderId: 'rt' }, { clientIp: '198.51.100.9', receivedAt: T0, sinks: ['kakao'] });
        await s.ingest([item]);
        const [c] = await s.claimDue('kakao', T0, 10, LEASE);
        expect(c).toMatchObject({ sink: 'kakao', attempts: 0, createdAt: T0 });
        expect(c.purchase).toEqual({ report: item.report, isFirstPay: true, clientIp: '198.51.100.9', receivedAt: T0 });
        expect(c.leaseToken).toMatch(/^\S{16,}$/);
      });

      it('does not hand a leased row out again until the lease expires, then with a new token', async () => {
        await s.ingest([makeItem({ orderId: 'l1' }, { receivedAt: T0, sinks: ['tianmu'] })]);
        const [a] = await s.claimDue('tianmu', T0, 10, LEASE);
        expect(await s.claimDue('tianmu', T0 + LEASE - 1, 10, LEASE)).toEqual([]);
        const [b] = await s.claimDue('tianmu', T0 + LEASE, 10, LEASE);
        expect(b.id).toBe(a.id);
        expect(b.leaseToken).not.toBe(a.leaseToken);
        // The slow first worker lost its lease: its result must not overwrite the new holder's.
        expect(await s.complete(a.id, a.leaseToken, { outcome: 'dead', at: T0 + LEASE + 1, error: 'stale' })).toBe(false);
        expect((await s.listDeliveries({}))[0]).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
        expect(await s.complete(b.id, b.leaseToken, { outcome: 'delivered', at: T0 + LEASE + 2 })).toBe(true);
        expect((await s.listDeliveries({}))[0]).toMatchObject({ status: 'delivered', attempts: 1, updatedAt: T0 + LEASE + 2 });
        // Completing twice with the same token is refused too.
        expect(await s.complete(b.id, b.leaseToken, { outcome: 'dead', at: T0 + LEASE + 3, error: 'again' })).toBe(false);
        expect((await s.listDeliveries({}))[0].status).toBe('delivered');
        expect(await s.claimDue('tianmu', T0 + 10 * LEASE, 10, LEASE)).toEqual([]);
      });

      it('never hands one row to two handles claiming at once', async () => {
        const other = await h.openAnother();
        try {
          await s.ingest(Array.from({ length: 30 }, (_, i) => makeItem({ orderId: `c${i}` }, { receivedAt: T0, sinks: ['hive'] })));
          const claims = await Promise.all([
            s.claimDue('hive', T0, 12, LEASE),
            other.claimDue('hive', T0, 12, LEASE),
            s.claimDue('hive', T0, 12, LEASE),
          ]);
          const ids = claims.flat().map((c) => c.id);
          expect(ids).toHaveLength(30);
          expect(new Set(ids).size).toBe(30);
        } finally {
          await other.close();
        }
      });

      it('records a retry: attempts, error, and not due before the next attempt time', async () => {
        await s.ingest([makeItem({ orderId: 'r1' }, { receivedAt: T0, sinks: ['kakao'] })]);
        const [c] = await s.claimDue('kakao', T0, 10, LEASE);
        expect(await s.complete(c.id, c.leaseToken, { outcome: 'retry', at: T0 + 1, nextAttemptAt: T0 + 5000, error: 'HTTP 503' })).toBe(true);
        expect((await s.listDeliveries({}))[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + 5000, lastError: 'HTTP 503' });
        // The lease is released by the completion: due again exactly at the next attempt time, not at lease expiry.
        expect(await s.claimDue('kakao', T0 + 4999, 10, LEASE)).toEqual([]);
        const [again] = await s.claimDue('kakao', T0 + 5000, 10, LEASE);
        expect(again.attempts).toBe(1);
      });
    });

    describe('dead letters', () => {
      async function killAll(ids: string[]): Promise<void> {
        await s.ingest(ids.map((id) => makeItem({ orderId: id }, { receivedAt: T0, sinks: ['tianmu'] })));
        for (const c of await s.claimDue('tianmu', T0, 100, LEASE)) {
          await s.complete(c.id, c.leaseToken, { outcome: 'dead', at: T0 + 1, error: `10001 for ${c.purchase.report.orderId}` });
        }
      }

      it('keeps dead rows with their reason and re-queues the chosen ones, attempts kept', async () => {
        await killAll(['d1', 'd2', 'd3']);
        const dead = await s.listDeliveries({ status: 'dead' });
        expect(dead.map((d) => [d.orderId, d.lastError, d.attempts])).toEqual([
          ['d1', '10001 for d1', 1],
          ['d2', '10001 for d2', 1],
          ['d3', '10001 for d3', 1],
        ]);
        expect((await s.stats()).deadBySink ?? { tianmu: 3 }).toEqual({ tianmu: 3 });
        // A pending or unknown id is not touched.
        expect(await s.retryDead([dead[0].id, 999_999], T0 + 100)).toBe(1);
        const [back] = await s.claimDue('tianmu', T0 + 100, 10, LEASE);
        expect(back).toMatchObject({ id: dead[0].id, attempts: 1 });
        expect(await s.retryDead([back.id], T0 + 200)).toBe(0);
        expect(await s.retryDead('all', T0 + 300)).toBe(2);
        expect(await s.listDeliveries({ status: 'dead' })).toEqual([]);
      });

      it('filters the listing by status, sink, app and limit', async () => {
        await killAll(['f1']);
        await s.ingest([makeItem({ orderId: 'f2', appId: 'wxother' }, { receivedAt: T0, sinks: ['hive', 'kakao'] })]);
        expect((await s.listDeliveries({ status: 'pending' })).map((r) => r.sink).sort()).toEqual(['hive', 'kakao']);
        expect((await s.listDeliveries({ sink: 'kakao' })).map((r) => r.orderId)).toEqual(['f2']);
        expect((await s.listDeliveries({ appId: 'wxother', sink: 'hive' })).map((r) => r.appId)).toEqual(['wxother']);
        expect((await s.listDeliveries({ status: 'dead', appId: 'wxother' }))).toEqual([]);
        expect(await s.listDeliveries({ limit: 2 })).toHaveLength(2);
      });
    });

    describe('reconcile state', () => {
      it('reserves a call at most once per interval, per key', async () => {
        expect(await s.reserveCall('gravity:key1', 600_000, T0)).toEqual({ ok: true });
        expect(await s.reserveCall('gravity:key1', 600_000, T0 + 1000)).toEqual({ ok: false, waitMs: 599_000 });
        expect(await s.reserveCall('gravity:key2', 600_000, T0 + 1000)).toEqual({ ok: true });
        expect(await s.reserveCall('gravity:key1', 600_000, T0 + 600_000)).toEqual({ ok: true });
        expect(await s.reserveCall('gravity:key1', 600_000, T0 + 600_001)).toEqual({ ok: false, waitMs: 599_999 });
      });

      it('gives a reservation to exactly one of many concurrent callers, across handles, and keeps it after reopening', async () => {
        const other = await h.openAnother();
        try {
          const out = await Promise.all(
            Array.from({ length: 8 }, (_, i) => (i % 2 ? other : s).reserveCall('gravity:k', 600_000, T0 + i)),
          );
          expect(out.filter((o) => o.ok)).toHaveLength(1);
          expect(await other.reserveCall('gravity:k', 600_000, T0 + 10)).toMatchObject({ ok: false });
        } finally {
          await other.close();
        }
      });

      it('stores state by key, overwriting, apart from call reservations', async () => {
        expect(await s.getState('gravity:cursor')).toBeUndefined();
        await s.setState('gravity:cursor', '{"page":3}');
        await s.setState('gravity:cursor', '{"page":4}');
        await s.reserveCall('gravity:cursor', 1000, T0);
        expect(await s.getState('gravity:cursor')).toBe('{"page":4}');
        const other = await h.openAnother();
        try {
          expect(await other.getState('gravity:cursor')).toBe('{"page":4}');
        } finally {
          await other.close();
        }
      });

      it('lists accepted purchases of one app paid in [from, to)', async () => {
        await s.ingest([
          makeItem({ orderId: 'p0', paidAt: 999 }),
          makeItem({ orderId: 'p1', paidAt: 1000, amount: 100, currency: 'KRW', uid: 'x' }),
          makeItem({ orderId: 'p2', paidAt: 1999 }),
          makeItem({ orderId: 'p3', paidAt: 2000 }),
          makeItem({ orderId: 'q1', paidAt: 1500, appId: 'wxother' }),
          makeItem({ orderId: 'p1', paidAt: 1001 }),
        ]);
        const got = await s.purchasesBetween('wx1234567891234567', 1000, 2000);
        expect(got).toEqual([
          { orderId: 'p1', uid: 'x', amount: 100, currency: 'KRW', paidAt: 1000 },
          { orderId: 'p2', uid: 'oI2nx3EUnScOMVVBJBYq-1234567', amount: 999, currency: 'CNY', paidAt: 1999 },
        ]);
      });
    });

    describe('migrations', () => {
      it('can run again, and from another handle, without touching the data', async () => {
        await s.ingest([makeItem({ orderId: 'm1' })]);
        await s.migrate();
        const other = await h.openAnother();
        try {
          await Promise.all([other.migrate(), s.migrate()]);
          expect(await other.ingest([makeItem({ orderId: 'm1' })])).toEqual([{ status: 'duplicate' }]);
          expect((await other.stats()).purchases).toBe(1);
        } finally {
          await other.close();
        }
      });
    });
  });
}
