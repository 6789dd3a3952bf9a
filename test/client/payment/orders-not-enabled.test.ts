import { createTestKit, startRelay, until, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

/** A game without a payment config on the relay (`revenue: "reported"`): the kit pays with its own order, as before. */
let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.orders = 'not-enabled';
  relay.ordersScript = [];
});

const orderPosts = () => relay.posts('/v1/orders');

describe('ORDERS_NOT_ENABLED (409)', () => {
  it("falls back to the client's own order id and the kit's payment options, and reports the catalog price", async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { payment: { zoneId: '7' } } });
    const result = await kit.purchase(PACK);
    expect(result.status).toBe('paid');
    expect(result.orderId).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(wx.paymentCalls[0].options).toMatchObject({ mode: 'game', offerId: '1450000000', zoneId: '7', buyQuantity: 60, outTradeNo: result.orderId });
    await until(() => relay.accepted.has(result.orderId));
    expect(relay.accepted.get(result.orderId)).toMatchObject({ amount: 600, currency: 'CNY' });
    kit.close();
  });

  it('is remembered until the next login: one round trip, not one per purchase', async () => {
    const [kit] = createTestKit(relay);
    const before = orderPosts();
    expect((await kit.purchase(PACK)).status).toBe('paid');
    expect((await kit.purchase(PACK)).status).toBe('paid');
    expect(orderPosts() - before).toBe(1);
    await kit.login();
    relay.orders = 'item'; // the relay got a payment config meanwhile
    const third = await kit.purchase(PACK);
    expect(orderPosts() - before).toBe(2);
    expect(third.orderId).toBe(relay.orderRequests[relay.orderRequests.length - 1].order!.orderId);
    kit.close();
  });

  it('treats a relay older than the endpoint (404) the same way', async () => {
    relay.orders = '404';
    const [kit, { wx }] = createTestKit(relay);
    const before = orderPosts();
    expect((await kit.purchase(PACK)).status).toBe('paid');
    expect((await kit.purchase(PACK)).status).toBe('paid');
    expect(orderPosts() - before).toBe(1);
    expect(wx.paymentCalls[1].options).toMatchObject({ mode: 'game', buyQuantity: 60 });
    kit.close();
  });
});
