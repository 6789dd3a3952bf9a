import { createOrderClient } from '../../../src/client/payment/relay-order';
import { createQqPlatform } from '../../../src/client/platform/qq';
import { createTtPlatform } from '../../../src/client/platform/tt';
import type { PaymentRequest } from '../../../src/client/platform/platform';
import type { OrderPayment } from '../../../src/shared/schemas/order-api';
import { FakeClock } from '../../fakes/platform/fake-clock';
import { FakeQq, FakeTt } from '../../fakes/platform/fake-qq-tt';

const ORDER_ID = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const request = (relayPayment: OrderPayment): PaymentRequest => ({ orderId: ORDER_ID, productId: 'p1', amount: 600, currency: 'CNY', quantity: 1, relayPayment });
const DOUYIN_ITEM: OrderPayment = {
  api: 'requestGamePayment', mode: 'game', env: 0, currencyType: 'CNY', platform: 'android', buyQuantity: 1, zoneId: '1', customId: ORDER_ID, goodType: 2, orderAmount: 600,
};
const QQ_PREPAY: OrderPayment = { api: 'requestMidasPayment', prepayId: 'pp123', starCurrency: 60, setEnv: 0 };

describe('tt adapter with a relay order', () => {
  it('passes exactly the relay values to tt.requestGamePayment, and no key the relay did not send', async () => {
    const tt = new FakeTt();
    const platform = createTtPlatform({ api: tt.api, payment: { zoneId: '9' }, clock: new FakeClock() });
    expect(await platform.payment.pay(request(DOUYIN_ITEM))).toEqual({ status: 'paid' });
    const { success, fail, ...sent } = tt.paymentCalls[0] as unknown as Record<string, unknown>;
    expect(typeof success).toBe('function');
    expect(typeof fail).toBe('function');
    const { api, ...expected } = DOUYIN_ITEM as Record<string, unknown>;
    expect(api).toBe('requestGamePayment');
    expect(sent).toEqual(expected);
  });

  it('refuses an order made for another platform without opening a sheet', async () => {
    const tt = new FakeTt();
    const platform = createTtPlatform({ api: tt.api, clock: new FakeClock() });
    expect(await platform.payment.pay(request(QQ_PREPAY))).toMatchObject({ status: 'failed' });
    expect(tt.paymentCalls).toEqual([]);
  });
});

describe('qq adapter with a relay order', () => {
  it('pays with the prepayId, starCurrency and setEnv', async () => {
    const qq = new FakeQq();
    const platform = createQqPlatform({ api: qq.api, payment: { offerId: 'ignored' }, clock: new FakeClock() });
    expect(await platform.payment.pay(request(QQ_PREPAY))).toEqual({ status: 'paid' });
    expect(qq.paymentCalls[0]).toMatchObject({ prepayId: 'pp123', starCurrency: 60, setEnv: 0 });
    expect(qq.paymentCalls[0]).not.toHaveProperty('offerId');
  });

  it('refuses an order made for another platform', async () => {
    const qq = new FakeQq();
    const platform = createQqPlatform({ api: qq.api, clock: new FakeClock() });
    expect(await platform.payment.pay(request(DOUYIN_ITEM))).toMatchObject({ status: 'failed' });
    expect(qq.paymentCalls).toEqual([]);
  });
});

describe('the client reads Douyin and QQ orders', () => {
  const answer = (payment: unknown) => createOrderClient({ request: async () => ({ status: 200, body: { orderId: ORDER_ID, productId: 'p1', amount: 600, currency: 'CNY', env: 0, payment } }) });
  it('takes a Douyin order whose customId is the order id, and a QQ order with a prepayId', async () => {
    await expect(answer(DOUYIN_ITEM).create('p1', {})).resolves.toMatchObject({ orderId: ORDER_ID, payment: DOUYIN_ITEM });
    await expect(answer(QQ_PREPAY).create('p1', {})).resolves.toMatchObject({ orderId: ORDER_ID, payment: QQ_PREPAY });
  });
  it('refuses a Douyin order for another customId, and a QQ order without star currency', async () => {
    await expect(answer({ ...DOUYIN_ITEM, customId: 'other' }).create('p1', {})).rejects.toThrow('unusable order');
    await expect(answer({ ...QQ_PREPAY, starCurrency: 0 }).create('p1', {})).rejects.toThrow('unusable order');
  });
});
