import type { Storage } from '../../../src/relay/storage/storage';
import { makeItem } from './report-fixture';
import type { StorageHarness } from './storage-contract';

const DAY = 86_400_000;
const T0 = 1_763_800_001_000;
const APP = 'wx1234567891234567';

/** Delivers every due row of every sink (claim + delivered), as the worker would. */
async function deliverAll(s: Storage, at: number): Promise<void> {
  for (const sink of ['tianmu', 'hive', 'kakao'] as const) {
    for (;;) {
      const rows = await s.claimDue(sink, at, 500, 30_000);
      if (rows.length === 0) break;
      await Promise.all(rows.map((r) => s.complete(r.id, r.leaseToken, { outcome: 'delivered', at })));
    }
  }
}

async function pruneAll(s: Storage, slimBefore: number, forgetBefore: number): Promise<{ slimmed: number; forgotten: number }> {
  const total = { slimmed: 0, forgotten: 0 };
  for (;;) {
    const r = await s.prune({ slimBefore, forgetBefore, limit: 3 });
    total.slimmed += r.slimmed;
    total.forgotten += r.forgotten;
    if (r.slimmed + r.forgotten === 0) return total;
  }
}

/**
 * Retention (`Storage.prune`) on each backend: what it removes, and what it must keep exact (first pay, duplicates
 * and order-id conflicts within dedupDays, reconcile's columns, anything not fully delivered).
 */
export function describeRetentionContract(name: string, makeStorage: () => Promise<StorageHarness>): void {
  describe(`Storage retention: ${name}`, () => {
    let h: StorageHarness;
    let s: Storage;
    beforeEach(async () => {
      h = await makeStorage();
      s = h.storage;
    });
    afterEach(() => h.dispose());

    // Ten purchases of five players on day 0 (two each), a newer one on day 40 keeping the largest id.
    async function history(): Promise<void> {
      const items = Array.from({ length: 10 }, (_, i) => makeItem({ orderId: `old-${i}`, uid: `u${i % 5}`, paidAt: T0 - 1000, amount: 100 + i }, { receivedAt: T0 }));
      await s.ingest(items);
      await s.ingest([makeItem({ orderId: 'new-0', uid: 'u-new', paidAt: T0 + 40 * DAY }, { receivedAt: T0 + 40 * DAY })]);
      await deliverAll(s, T0 + 40 * DAY);
    }

    it('cuts delivered purchases down after deliveredDays and keeps first pay, duplicates, conflicts and reconcile exact', async () => {
      await history();
      const now = T0 + 40 * DAY;
      const r = await pruneAll(s, now - 30 * DAY, now - 400 * DAY);
      expect(r).toEqual({ slimmed: 10, forgotten: 0 });
      // Their delivery rows are gone; the newer purchase keeps its own.
      const rows = await s.listDeliveries({ limit: 100 });
      expect(rows.map((d) => d.orderId)).toEqual(['new-0', 'new-0', 'new-0']);
      // A resend of a pruned order is still a duplicate; another purchase under its id still a conflict.
      expect(await s.ingest([makeItem({ orderId: 'old-3', uid: 'u3', paidAt: T0 - 1000, amount: 103 }, { receivedAt: now })])).toEqual([{ status: 'duplicate' }]);
      expect(await s.ingest([makeItem({ orderId: 'old-4', uid: 'u4', paidAt: T0 - 1000, amount: 999 }, { receivedAt: now })])).toEqual([
        { status: 'rejected', code: 'ORDER_ID_CONFLICT', fields: ['amount'] },
      ]);
      expect(await s.ingest([makeItem({ orderId: 'old-5', uid: 'u0', paidAt: T0 - 1000, amount: 105, productId: 'other.product' }, { receivedAt: now })])).toEqual([
        { status: 'rejected', code: 'ORDER_ID_CONFLICT', fields: ['productId'] },
      ]);
      // Players who paid before are not first payers again; a new one is.
      expect(await s.ingest([makeItem({ orderId: 'later-u1', uid: 'u1', paidAt: now }, { receivedAt: now })])).toEqual([{ status: 'accepted', isFirstPay: false }]);
      expect(await s.ingest([makeItem({ orderId: 'later-u9', uid: 'u9', paidAt: now }, { receivedAt: now })])).toEqual([{ status: 'accepted', isFirstPay: true }]);
      // Reconcile still sees every order with its money.
      const seen = await s.purchasesBetween(APP, T0 - DAY, T0);
      expect(seen.map((p) => [p.orderId, p.uid, p.amount, p.currency]).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => [`old-${i}`, `u${i % 5}`, 100 + i, 'CNY']).sort(),
      );
      // Nothing is left to do; stats still count every purchase and delivery ever stored.
      expect(await s.prune({ slimBefore: now - 30 * DAY, forgetBefore: now - 400 * DAY, limit: 10 })).toEqual({ slimmed: 0, forgotten: 0 });
      const stats = await s.stats();
      expect(stats.deliveries.pending).toBe(6);
    });

    it('forgets order ids only after dedupDays, and first pay outlives them', async () => {
      await history();
      const now = T0 + 40 * DAY;
      expect(await pruneAll(s, now - 30 * DAY, now - 400 * DAY)).toEqual({ slimmed: 10, forgotten: 0 });
      // 401 days after their payment: forgotten (a report that old is refused by the paidAt window anyway).
      const later = T0 + 401 * DAY;
      // (The newest purchase may stay whole: SQLite keeps the largest id, which its counts rest on.)
      expect((await pruneAll(s, later - 30 * DAY, later - 400 * DAY)).forgotten).toBe(10);
      expect(await s.purchasesBetween(APP, T0 - DAY, T0)).toEqual([]);
      expect(await s.ingest([makeItem({ orderId: 'after-u2', uid: 'u2' }, { receivedAt: later })])).toEqual([{ status: 'accepted', isFirstPay: false }]);
    });

    it('never prunes a purchase with a pending or dead delivery', async () => {
      await s.ingest([makeItem({ orderId: 'stuck', uid: 'u1' }, { receivedAt: T0 }), makeItem({ orderId: 'dead', uid: 'u2' }, { receivedAt: T0 })]);
      await s.ingest([makeItem({ orderId: 'newest', uid: 'u3', paidAt: T0 + 40 * DAY }, { receivedAt: T0 + 40 * DAY })]);
      const now = T0 + 40 * DAY;
      // 'stuck': Hive still pending. 'dead': Kakao dead.
      for (const sink of ['tianmu', 'kakao'] as const) {
        for (const row of await s.claimDue(sink, now, 10, 30_000)) {
          const dead = sink === 'kakao' && row.purchase.report.orderId === 'dead';
          await s.complete(row.id, row.leaseToken, dead ? { outcome: 'dead', at: now, error: '400' } : { outcome: 'delivered', at: now });
        }
      }
      for (const row of await s.claimDue('hive', now, 10, 30_000)) {
        if (row.purchase.report.orderId !== 'stuck') await s.complete(row.id, row.leaseToken, { outcome: 'delivered', at: now });
      }
      // Everything is past both cutoffs; only 'newest' (fully delivered) may go.
      expect((await pruneAll(s, now + DAY, now + DAY)).slimmed).toBeLessThanOrEqual(1);
      expect((await s.listDeliveries({ limit: 100 })).filter((d) => d.orderId !== 'newest')).toHaveLength(6);
      expect((await s.purchasesBetween(APP, 0, Number.MAX_SAFE_INTEGER)).map((p) => p.orderId).filter((o) => o !== 'newest').sort()).toEqual(['dead', 'stuck']);
      const retried = await s.listDeliveries({ status: 'dead' });
      expect(retried.map((d) => d.orderId)).toEqual(['dead']);
    });
  });
}
