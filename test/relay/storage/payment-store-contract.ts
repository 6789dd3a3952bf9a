import type { NewOrder, Proof } from '../../../src/relay/storage/payment-store';
import type { StorageHarness } from './storage-contract';
import { APP_ID, makeReport } from './report-fixture';

const T0 = 1_763_800_001_000;

export function makeOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    appId: APP_ID,
    orderId: 'ord1',
    uid: 'oI2nx3EUnScOMVVBJBYq-1234567',
    productId: '500.picsh.cre',
    quantity: 1,
    unitPrice: 999,
    amount: 999,
    currency: 'CNY',
    env: 0,
    context: { zone: 'z1', device: { type: 3 } },
    clientIp: '203.0.113.9',
    createdAt: T0,
    nextQueryAt: T0 + 300_000,
    ...overrides,
  };
}

export const PROOF: Proof = {
  source: 'push', via: 'minigame_game_pay_goods_deliver_notify', env: 0, openid: 'oI2nx3EUnScOMVVBJBYq-1234567',
  productId: '500.picsh.cre', quantity: 1, amount: 999, currency: 'CNY', paidAt: T0 + 5000,
};

/** The behaviour every `PaymentStore` must have: SQLite and Postgres run it. */
export function describePaymentStoreContract(name: string, make: () => Promise<StorageHarness>): void {
  describe(`PaymentStore contract: ${name}`, () => {
    let h: StorageHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it('stores an order and reads it back exactly', async () => {
      const p = h.storage.payments;
      await p.createOrder(makeOrder());
      const o = await p.getOrder(APP_ID, 'ord1');
      expect(o).toMatchObject({ orderId: 'ord1', amount: 999, unitPrice: 999, state: 'pending', origin: 'relay', claim: null, context: { zone: 'z1', device: { type: 3 } }, refundedAmount: 0 });
      // Matched by message: better-sqlite3's error class can come from another realm in a shared jest worker.
      await expect(p.createOrder(makeOrder())).rejects.toMatchObject({ message: expect.stringMatching(/unique/i) });
    });

    it('keeps a claim once, refuses another player, and makes an order of an unknown claim', async () => {
      const p = h.storage.payments;
      await p.createOrder(makeOrder());
      const mine = makeReport({ orderId: 'ord1' });
      expect((await p.recordClaim(mine, '1.2.3.4', T0, T0 + 1)).status).toBe('accepted');
      expect((await p.recordClaim(mine, '1.2.3.4', T0, T0 + 1)).status).toBe('duplicate');
      expect(await p.recordClaim(makeReport({ orderId: 'ord1', uid: 'someone-else' }), '1.2.3.4', T0, T0 + 1)).toEqual({ status: 'conflict', reason: expect.any(String) });
      const stranger = await p.recordClaim(makeReport({ orderId: 'hooked' }), '1.2.3.4', T0, T0 + 7);
      expect(stranger).toMatchObject({ status: 'accepted', order: { origin: 'claim', amount: null, nextQueryAt: T0 + 7, state: 'pending' } });
    });

    it('settles a pending order once; leases due queries to one caller at a time', async () => {
      const p = h.storage.payments;
      await p.createOrder(makeOrder({ orderId: 'a', nextQueryAt: T0 }));
      await p.createOrder(makeOrder({ orderId: 'b', nextQueryAt: T0 + 10_000 }));
      const first = await p.claimQueries(T0, 10, 60_000);
      expect(first.map((o) => o.orderId)).toEqual(['a']);
      expect(await p.claimQueries(T0, 10, 60_000)).toEqual([]);
      await p.rescheduleQuery(APP_ID, 'a', T0 + 1, 'not paid yet');
      expect(await p.getOrder(APP_ID, 'a')).toMatchObject({ queries: 1, lastQuery: 'not paid yet', nextQueryAt: T0 + 1 });
      expect(await p.settle(APP_ID, 'a', { state: 'paid', proof: PROOF, at: T0 + 2 })).toBe(true);
      expect(await p.settle(APP_ID, 'a', { state: 'paid', proof: PROOF, at: T0 + 3 })).toBe(false);
      expect(await p.getOrder(APP_ID, 'a')).toMatchObject({ state: 'paid', paidAmount: 999, proof: PROOF, settledAt: T0 + 2 });
      expect(await p.claimQueries(T0 + 100_000, 10, 60_000)).toEqual([expect.objectContaining({ orderId: 'b' })]);
    });

    it('gives up on old pending orders of one game only, and counts them', async () => {
      const p = h.storage.payments;
      await p.createOrder(makeOrder({ orderId: 'old', createdAt: T0 }));
      await p.createOrder(makeOrder({ orderId: 'new', createdAt: T0 + 10 }));
      await p.createOrder(makeOrder({ orderId: 'other', appId: 'wxother', createdAt: T0 }));
      expect(await p.giveUp(APP_ID, T0 + 5, T0 + 99)).toBe(1);
      expect((await p.listOrders({ state: 'unverified' })).map((o) => o.orderId)).toEqual(['old']);
      const stats = await p.paymentStats();
      expect(stats.orders).toEqual({ pending: 2, sandbox: 0, unverified: 1 });
    });

    it('closes one pending order as unverified (a payment that was not money), never a settled one', async () => {
      const p = h.storage.payments;
      await p.createOrder(makeOrder({ orderId: 'diamond' }));
      await p.createOrder(makeOrder({ orderId: 'kept' }));
      expect(await p.markUnverified(APP_ID, 'diamond', T0 + 1)).toBe(true);
      expect(await p.markUnverified(APP_ID, 'diamond', T0 + 2)).toBe(false);
      expect(await p.getOrder(APP_ID, 'diamond')).toMatchObject({ state: 'unverified', settledAt: T0 + 1 });
      expect(await p.getOrder(APP_ID, 'kept')).toMatchObject({ state: 'pending' });
    });

    it('stores each event once and sums refunds', async () => {
      const p = h.storage.payments;
      await p.createOrder(makeOrder());
      const refund = { appId: APP_ID, orderId: 'ord1', kind: 'refund' as const, eventKey: 'r1', env: 0 as const, amount: 300, detail: {}, receivedAt: T0 };
      expect(await p.recordEvent(refund)).toBe(true);
      expect(await p.recordEvent(refund)).toBe(false);
      await p.addRefund(APP_ID, 'ord1', 300);
      expect(await p.getOrder(APP_ID, 'ord1')).toMatchObject({ refundedAmount: 300 });
      expect(await p.eventsOf(APP_ID, 'ord1')).toEqual([expect.objectContaining({ kind: 'refund', amount: 300, eventKey: 'r1' })]);
      expect(await p.paymentStats()).toMatchObject({ events: { refund: 1 }, refundedAmount: 300 });
      expect(await p.listEvents({ kind: 'anomaly' })).toEqual([]);
      // What reconcile lists: refunds received in the window only.
      await p.recordEvent({ ...refund, eventKey: 'r2', amount: 50, receivedAt: T0 + 10_000 });
      expect(await h.storage.refundsBetween(APP_ID, T0, T0 + 10_000)).toEqual([{ orderId: 'ord1', refundId: 'r1', amount: 300, env: 0, receivedAt: T0 }]);
      expect((await h.storage.refundsBetween(APP_ID, T0 + 1, T0 + 10_001)).map((f) => f.refundId)).toEqual(['r2']);
      expect(await h.storage.refundsBetween('wxother', 0, T0 * 2)).toEqual([]);
    });

    it('keeps one sealed session key per player, replaced at login, marked stale on request', async () => {
      const p = h.storage.payments;
      expect(await p.loadSessionKey(APP_ID, 'u')).toBeUndefined();
      await p.saveSessionKey(APP_ID, 'u', 'v1.sealed-a', T0);
      await p.markSessionKeyStale(APP_ID, 'u', T0 + 1);
      expect(await p.loadSessionKey(APP_ID, 'u')).toEqual({ sealed: 'v1.sealed-a', stale: true });
      await p.saveSessionKey(APP_ID, 'u', 'v1.sealed-b', T0 + 2);
      expect(await p.loadSessionKey(APP_ID, 'u')).toEqual({ sealed: 'v1.sealed-b', stale: false });
    });

    it('lets exactly one of two concurrent claims of one unknown order in, from two handles', async () => {
      const other = await h.openAnother();
      const report = makeReport({ orderId: 'race' });
      const out = await Promise.all([
        h.storage.payments.recordClaim(report, 'ip', T0, T0),
        other.payments.recordClaim(report, 'ip', T0, T0),
      ]);
      expect(out.map((o) => o.status).sort()).toEqual(['accepted', 'duplicate']);
    });
  });
}
