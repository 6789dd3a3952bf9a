import { createTestKit, startRelay, until, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import { IPHONE } from '../../fakes/platform/fake-minigame';
import { PaymentFailedError } from '../../../src/client/errors';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.mode = 'ok';
  relay.script = [];
});

const orderKey = (id: string) => 'mp:v1:o:' + id;

describe('kit.purchase', () => {
  it('writes the pending order before the sheet opens, with the Midas options DESIGN.md names', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { payment: { zoneId: '7' } } });
    const result = await kit.purchase(PACK);
    expect(result.status).toBe('paid');
    expect(wx.paymentCalls).toHaveLength(1);
    const { options, storageAtOpen } = wx.paymentCalls[0];
    expect(options).toMatchObject({
      mode: 'game',
      env: 1,
      offerId: '1450000000',
      currencyType: 'CNY',
      platform: 'android',
      buyQuantity: 60, // ¥6.00 at the default ¥0.10 per game coin
      zoneId: '7',
      outTradeNo: result.orderId,
    });
    const atOpen = JSON.parse(storageAtOpen.get(orderKey(result.orderId)) as string);
    expect(atOpen.s).toBe('p');
    expect(atOpen.r).toMatchObject({ orderId: result.orderId, productId: PACK.productId, amount: 600, currency: 'CNY' });
    expect(JSON.parse(storageAtOpen.get('mp:v1:orders') as string)).toContain(result.orderId);
    kit.close();
  });

  it('moves the paid order into the report queue in one storage write', async () => {
    relay.mode = '5xx'; // keep it queued so storage can be inspected
    const [kit, { wx }] = createTestKit(relay);
    const result = await kit.purchase(PACK);
    const writes = wx.storage.writes.filter((w) => w.key === orderKey(result.orderId)).map((w) => JSON.parse(w.value as string));
    expect(writes.map((w) => w.s)).toEqual(['p', 'q']);
    expect(writes[1].r.paidAt).toBeGreaterThanOrEqual(writes[0].r.paidAt);
    expect(wx.storage.json(orderKey(result.orderId)).s).toBe('q');
    kit.close();
  });

  it('makes the paid order durable inside the platform success callback, before any promise hop', async () => {
    relay.mode = '5xx';
    const [kit, { wx }] = createTestKit(relay);
    const api = wx.api as unknown as Record<string, (o: Record<string, unknown>) => void>;
    const pay = api.requestMidasPayment;
    let stateRightAfterSuccess: string | undefined;
    api.requestMidasPayment = (o) =>
      pay({
        ...o,
        success: (res: unknown) => {
          (o.success as (r: unknown) => void)(res);
          stateRightAfterSuccess = wx.storage.json(orderKey(o.outTradeNo as string)).s;
        },
      });
    await kit.purchase(PACK);
    expect(stateRightAfterSuccess).toBe('q');
    kit.close();
  });

  it('reports the paid order to the relay with the device, network and scene facts', async () => {
    const [kit] = createTestKit(relay, { fake: { launchScene: 1047, networkType: '4g' }, kit: { gameContext: { zone: '华东大区1服', level: 21 } } });
    await kit.login();
    const result = await kit.purchase(PACK, { gameUid: '1d45s23s2' });
    await until(() => relay.accepted.has(result.orderId));
    expect(relay.accepted.get(result.orderId)).toEqual({
      orderId: result.orderId,
      appId: 'wx1234567891234567',
      uid: relay.openid,
      productId: '500.picsh.cre',
      goodsName: '500 diamonds',
      amount: 600,
      currency: 'CNY',
      payType: 2,
      paidAt: expect.any(Number),
      zone: '华东大区1服',
      level: 21,
      gameUid: '1d45s23s2',
      device: { type: 3, brand: 'OPPO', model: 'OPPO A57', os: 'android', osVersion: '10', language: 'zh_CN', platformVersion: '3.3.4' },
      netType: '4g',
      scene: '1047',
      sdkVersion: '0.1.0',
    });
    await until(() => kit.queuedCount() === 0);
    kit.close();
  });

  it.each([-2, 1])('treats errCode %d as a cancel: no error, nothing kept, nothing reported', async (errCode) => {
    const [kit, { wx }] = createTestKit(relay);
    wx.payments = [{ errCode }];
    const errors: unknown[] = [];
    kit.on('error', (e) => errors.push(e));
    const result = await kit.purchase(PACK);
    expect(result).toEqual({ status: 'cancelled', orderId: result.orderId, errCode });
    expect(wx.storage.data.has(orderKey(result.orderId))).toBe(false);
    expect(kit.queuedCount()).toBe(0);
    expect(errors).toEqual([]);
    kit.close();
  });

  it('reports a failure with a typed code and the raw errCode', async () => {
    const [kit, { wx }] = createTestKit(relay);
    wx.payments = [{ errCode: -15001, errMsg: 'missing param' }];
    const result = await kit.purchase(PACK);
    expect(result.status).toBe('failed');
    expect(result.error).toBeInstanceOf(PaymentFailedError);
    expect(result.error).toMatchObject({ name: 'PaymentFailedError', code: 'PAYMENT_FAILED', errCode: -15001 });
    expect(result.errCode).toBe(-15001);
    expect(wx.storage.data.has(orderKey(result.orderId))).toBe(false);
    kit.close();
  });

  it('says WeChat virtual payment cannot pay on iOS before any sheet opens', async () => {
    const [kit, { wx }] = createTestKit(relay, { fake: { device: IPHONE } });
    expect(kit.cannotPayReason()).toMatch(/iOS/);
    const result = await kit.purchase(PACK);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ name: 'PlatformCannotPayError', code: 'PLATFORM_CANNOT_PAY' });
    expect(wx.paymentCalls).toHaveLength(0);
    expect(Array.from(wx.storage.data.keys()).filter((k) => k.startsWith('mp:v1:o:'))).toEqual([]);
    kit.close();
  });

  it('refuses a second purchase while one is in progress, with its own code', async () => {
    const [kit, { wx }] = createTestKit(relay);
    wx.payments = ['hang'];
    const first = kit.purchase(PACK);
    await until(() => wx.paymentCalls.length === 1);
    const second = await kit.purchase(PACK);
    expect(second.status).toBe('failed');
    expect(second.error).toMatchObject({ name: 'PaymentInProgressError', code: 'PAYMENT_IN_PROGRESS' });
    expect(wx.paymentCalls).toHaveLength(1);
    wx.releaseHangingPayment();
    expect((await first).status).toBe('paid');
    expect((await kit.purchase(PACK)).status).toBe('paid');
    kit.close();
  });

  it("maps the platform's own in-progress code (errCode 2) to PAYMENT_IN_PROGRESS", async () => {
    const [kit, { wx }] = createTestKit(relay);
    wx.payments = [{ errCode: 2 }];
    const r = await kit.purchase(PACK);
    expect(r.error).toMatchObject({ code: 'PAYMENT_IN_PROGRESS', errCode: 2 });
    kit.close();
  });

  it('rejects a product with a non-integer price before anything is written', async () => {
    const [kit, { wx }] = createTestKit(relay);
    const r = await kit.purchase({ ...PACK, price: 5.5 });
    expect(r.error).toMatchObject({ code: 'INVALID_REPORT', field: 'price' });
    expect(wx.paymentCalls).toHaveLength(0);
    kit.close();
  });
});
