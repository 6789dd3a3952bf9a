import { createTestKit, startRelay, until, PACK } from '../test-kit';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeStorageBackend } from '../../fakes/platform/fake-storage';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

/** The app dies with the payment sheet open; a new run starts over the same storage. */
async function killedDuringSheet() {
  const storage = new FakeStorageBackend();
  const [first, { wx }] = createTestKit(relay, { wx: new FakeWx({ storage }) });
  wx.payments = ['hang'];
  void first.purchase(PACK);
  await until(() => wx.paymentCalls.length === 1);
  const orderId = wx.paymentCalls[0].options.outTradeNo as string;
  wx.kill();
  const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
  return { kit, orderId, storage };
}

describe('orders left unconfirmed by a killed app', () => {
  it('are listed on the next start, and not reported on their own', async () => {
    const { kit, orderId } = await killedDuringSheet();
    expect(kit.unconfirmedOrders().map((r) => r.orderId)).toEqual([orderId]);
    await kit.flush();
    expect(relay.accepted.has(orderId)).toBe(false);
    kit.close();
  });

  it('are reported once the game confirms them paid', async () => {
    const { kit, orderId } = await killedDuringSheet();
    kit.settleUnconfirmed(orderId, true);
    await until(() => relay.accepted.has(orderId));
    expect(relay.accepted.get(orderId)).toMatchObject({ productId: PACK.productId, amount: PACK.price, payType: 2 });
    expect(kit.unconfirmedOrders()).toEqual([]);
    kit.close();
  });

  it('are forgotten when the game says they were not paid', async () => {
    const { kit, orderId, storage } = await killedDuringSheet();
    kit.settleUnconfirmed(orderId, false);
    expect(kit.unconfirmedOrders()).toEqual([]);
    expect(storage.data.has('mp:v1:o:' + orderId)).toBe(false);
    kit.close();
  });

  it("do not include this run's own open sheet", async () => {
    const [kit, { wx }] = createTestKit(relay);
    wx.payments = ['hang'];
    const paying = kit.purchase(PACK);
    await until(() => wx.paymentCalls.length === 1);
    expect(kit.unconfirmedOrders()).toEqual([]);
    wx.releaseHangingPayment();
    await paying;
    kit.close();
  });
});
