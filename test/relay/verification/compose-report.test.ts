import { PurchaseReportSchema } from '../../../src/shared/schemas/purchase-report';
import { composeVerifiedReport, RELAY_SDK_VERSION } from '../../../src/relay/verification/compose-report';
import type { OrderRecord, Proof } from '../../../src/relay/storage/payment-store';
import { makeReport } from '../storage/report-fixture';

const order: OrderRecord = {
  appId: 'wx1234567891234567', orderId: 'ord1', uid: 'u1', productId: 'p.500', quantity: 2, unitPrice: 600, amount: 1200,
  currency: 'CNY', env: 0, origin: 'relay', state: 'pending', context: { zone: 'z-order', level: 3 }, claim: null,
  clientIp: '203.0.113.1', createdAt: 1, nextQueryAt: 2, queries: 0, lastQuery: null, proof: null, paidAmount: null,
  refundedAmount: 0, settledAt: null,
};
const proof: Proof = {
  source: 'push', via: 'minigame_game_pay_goods_deliver_notify', env: 0, openid: 'u1', productId: 'p.500', quantity: 2,
  amount: 1100, currency: 'CNY', paidAt: 1_763_800_000_000,
};

describe('composeVerifiedReport', () => {
  it('takes money and paid time from the platform, never from the client report', () => {
    const claim = makeReport({ orderId: 'ord1', uid: 'u1', amount: 9_999_900, currency: 'USD', paidAt: 5, productId: 'p.500' });
    const r = composeVerifiedReport({ ...order, claim }, proof);
    expect(r).toMatchObject({ amount: 1100, currency: 'CNY', paidAt: 1_763_800_000_000, productId: 'p.500', uid: 'u1', payType: 2 });
    expect(PurchaseReportSchema.safeParse(r).success).toBe(true);
  });

  it('prefers the order context and completes it from the claim', () => {
    const claim = makeReport({ orderId: 'ord1', uid: 'u1', zone: 'z-claim', gameUid: 'g-claim', level: 40, productId: 'p.500' });
    const r = composeVerifiedReport({ ...order, claim }, proof);
    expect(r.zone).toBe('z-order');
    expect(r.level).toBe(3);
    expect(r.gameUid).toBe('g-claim');
    expect(r.device).toEqual(claim.device);
    expect(r.sdkVersion).toBe(claim.sdkVersion);
  });

  it('makes a valid report with neither context nor claim', () => {
    const r = composeVerifiedReport({ ...order, context: {} }, proof);
    expect(r.device).toEqual({ type: 1 });
    expect(r.sdkVersion).toBe(RELAY_SDK_VERSION);
    expect(PurchaseReportSchema.safeParse(r).success).toBe(true);
  });

  it('names the goods from the order when the proof comes before the client report (the push often does)', () => {
    const r = composeVerifiedReport({ ...order, context: { goodsName: '500 diamonds' }, claim: null }, proof);
    expect(r.goodsName).toBe('500 diamonds');
  });

  it("takes a claim order's product from the platform", () => {
    const claim = makeReport({ orderId: 'ord1', uid: 'u1', productId: 'what-the-client-said', goodsName: 'fake name' });
    const r = composeVerifiedReport({ ...order, origin: 'claim', productId: 'what-the-client-said', amount: null, claim }, { ...proof, productId: 'p.real' });
    expect(r.productId).toBe('p.real');
    expect(r.goodsName).toBeUndefined();
  });
});
