import { createTestKit, startRelay, until, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import { FAKE_APP_KEY } from '../../fakes/relay/fake-relay';
import * as crypto from 'crypto';

/** kit.purchase() with a relay that makes the orders (`POST /v1/orders`, revenue "verified"). */
let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.mode = 'ok';
  relay.orders = 'item';
  relay.ordersScript = [];
  relay.prices.set(PACK.productId, 648); // the relay's catalog price, not the ¥6.00 the client shows
});

const orderKeys = (data: Map<string, unknown>) => Array.from(data.keys()).filter((k) => k.startsWith('mp:v1:o:'));
const lastOrder = () => relay.orderRequests[relay.orderRequests.length - 1].order!;

describe('kit.purchase with the relay making the order', () => {
  it('item purchase: passes signData as the exact string, paySig and signature unchanged, and nothing else', async () => {
    const [kit, { wx }] = createTestKit(relay);
    const result = await kit.purchase(PACK);
    expect(result).toEqual({ status: 'paid', orderId: lastOrder().orderId });
    const sent = lastOrder().payment;
    if (sent.api !== 'requestMidasPaymentGameItem') throw new Error('expected an item payment');
    const { options } = wx.paymentCalls[0];
    expect(Object.keys(options).sort()).toEqual(['fail', 'paySig', 'signData', 'signature', 'success']);
    expect(typeof options.signData).toBe('string');
    expect(options.signData).toBe(sent.signData);
    expect(options.paySig).toBe(sent.paySig);
    expect(options.signature).toBe(sent.signature);
    // Still the signature of what WeChat receives: the string was not re-serialised on the way.
    const hmac = crypto.createHmac('sha256', FAKE_APP_KEY).update('requestMidasPaymentGameItem&' + String(options.signData));
    expect(options.paySig).toBe(hmac.digest('hex'));
    kit.close();
  });

  it('asks for one unit of the product with the report facts, and no money', async () => {
    const [kit] = createTestKit(relay, { fake: { launchScene: 1047, networkType: '4g' }, kit: { gameContext: { zone: 'z1', level: 21 } } });
    await kit.login(); // by then getNetworkType has answered
    await kit.purchase({ ...PACK, buyQuantity: 60 }, { gameUid: 'g1' });
    expect(relay.orderRequests[relay.orderRequests.length - 1].body).toEqual({
      productId: PACK.productId,
      quantity: 1, // buyQuantity counts Midas coins, never units of the product
      context: {
        goodsName: '500 diamonds', // so a push that beats the report still names the goods
        zone: 'z1',
        level: 21,
        gameUid: 'g1',
        device: { type: 3, brand: 'OPPO', model: 'OPPO A57', os: 'android', osVersion: '10', language: 'zh_CN', platformVersion: '3.3.4' },
        netType: '4g',
        scene: '1047',
        sdkVersion: '0.1.0',
      },
    });
    kit.close();
  });

  it("writes the pending order before the sheet opens, under the relay's order id and at the relay's price", async () => {
    const [kit, { wx }] = createTestKit(relay);
    const result = await kit.purchase(PACK);
    const { storageAtOpen } = wx.paymentCalls[0];
    const atOpen = JSON.parse(storageAtOpen.get('mp:v1:o:' + result.orderId) as string);
    expect(atOpen).toMatchObject({ s: 'p', r: { orderId: lastOrder().orderId, amount: 648, currency: 'CNY', productId: PACK.productId } });
    expect(JSON.parse(storageAtOpen.get('mp:v1:orders') as string)).toEqual([result.orderId]);
    kit.close();
  });

  it("reports the paid order with the relay's order id and amount", async () => {
    const [kit] = createTestKit(relay);
    const result = await kit.purchase(PACK);
    await until(() => relay.accepted.has(result.orderId));
    expect(relay.accepted.get(result.orderId)).toMatchObject({ orderId: lastOrder().orderId, amount: 648, currency: 'CNY', payType: 2 });
    kit.close();
  });

  it('coins: passes the relay\'s requestMidasPayment values, buyQuantity included, not the kit\'s', async () => {
    relay.orders = 'coins';
    relay.prices.set(PACK.productId, 990);
    const [kit, { wx }] = createTestKit(relay, { kit: { payment: { offerId: 'kit-offer', zoneId: '7', coinPrice: 1 } } });
    const result = await kit.purchase(PACK);
    expect(result.status).toBe('paid');
    const { api: _api, ...sent } = lastOrder().payment as Record<string, unknown>;
    const { success: _s, fail: _f, ...options } = wx.paymentCalls[0].options;
    expect(options).toEqual(sent);
    expect(options).toMatchObject({ buyQuantity: 99, offerId: '1450000000', zoneId: '1', outTradeNo: result.orderId });
    kit.close();
  });

  it('with autoHook on, the kit\'s own item payment is stored and reported once', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    const result = await kit.purchase(PACK);
    await until(() => relay.accepted.has(result.orderId));
    await kit.flush();
    expect(relay.acceptCount.get(result.orderId)).toBe(1);
    expect(relay.accepted.get(result.orderId)).toMatchObject({ amount: 648 });
    expect(wx.paymentCalls).toHaveLength(1);
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });

  it('refuses an order whose payment pays another order id: nothing stored, no sheet', async () => {
    const [kit, { wx }] = createTestKit(relay);
    const api = relay as unknown as { signedItem(id: string, p: string, price: number, q: number): unknown };
    const sign = api.signedItem.bind(relay);
    api.signedItem = (_id, p, price, q) => sign('someone-else', p, price, q);
    try {
      const result = await kit.purchase(PACK);
      expect(result.error).toMatchObject({ name: 'RelayError', code: 'RELAY_ERROR' });
      expect(wx.paymentCalls).toHaveLength(0);
      expect(orderKeys(wx.storage.data)).toEqual([]);
    } finally {
      api.signedItem = sign;
    }
    kit.close();
  });
});
