import { compareOrders } from '../../../src/relay/reconcile/compare';
import type { GravityOrder } from '../../../src/relay/reconcile/gravity-order';
import { reconcileWindow } from '../../../src/relay/reconcile/reconcile-window';

const W = reconcileWindow('2025-03-01', '2025-03-01');
const g = (orderId: string, amount: number, extra: Partial<GravityOrder> = {}): GravityOrder => ({
  orderId, amount, currency: 'CNY', payEventTime: '2025-03-01 12:00:00', status: 'posted', ...extra,
});
const r = (orderId: string, amount: number, extra: { currency?: string; paidAt?: number } = {}) => ({
  orderId, uid: `u-${orderId}`, amount, currency: extra.currency ?? 'CNY', paidAt: extra.paidAt ?? W.fromMs + 12 * 3600_000,
});

describe('compareOrders', () => {
  it('matches by order id and compares amounts in fen exactly (1 fen apart is a mismatch)', () => {
    const out = compareOrders([g('a', 600), g('b', 601)], [r('a', 600), r('b', 600)], W);
    expect(out.counts).toEqual({ both: 2, missingInGravity: 0, missingInRelay: 0, amountMismatch: 1, duplicateInGravity: 0 });
    expect(out.amountMismatch).toEqual([expect.objectContaining({ orderId: 'b', relayAmount: 600, gravityAmount: 601 })]);
  });

  it('treats the same digits in another currency as a mismatch', () => {
    expect(compareOrders([g('a', 600)], [r('a', 600, { currency: 'USD' })], W).counts.amountMismatch).toBe(1);
  });

  it('does not match ids that differ only in case or surrounding text', () => {
    const out = compareOrders([g('ORD1', 600), g('ord1 ', 600)], [r('ord1', 600)], W);
    expect(out.counts).toMatchObject({ both: 0, missingInGravity: 1, missingInRelay: 2 });
  });

  it('counts a repeated Gravity row once, lists it as a duplicate, and counts statuses per distinct order', () => {
    const out = compareOrders([g('a', 600, { status: 'failed' }), g('a', 600, { status: 'posted' }), g('b', 1, { status: 'other:审核中' })], [r('a', 600)], W);
    expect(out.counts).toMatchObject({ both: 1, duplicateInGravity: 1, missingInRelay: 1 });
    expect(out.statusCounts).toEqual({ not_posted: 0, posted: 0, failed: 1, skipped: 0, 'other:审核中': 1 });
  });

  it('matches a relay purchase just outside the window to a Gravity order inside it, but never reports it missing', () => {
    const early = r('edge', 600, { paidAt: W.fromMs - 2000 });
    expect(compareOrders([g('edge', 600)], [early], W).counts).toMatchObject({ both: 1, missingInRelay: 0, missingInGravity: 0 });
    expect(compareOrders([], [early], W).counts.missingInGravity).toBe(0);
  });

  it('sorts every list by order id so two runs write identical files', () => {
    const out = compareOrders([g('z', 1), g('a', 1), g('m', 1)], [r('y', 1), r('b', 1)], W);
    expect(out.missingInRelay.map((x) => x.orderId)).toEqual(['a', 'm', 'z']);
    expect(out.missingInGravity.map((x) => x.orderId)).toEqual(['b', 'y']);
  });
});
