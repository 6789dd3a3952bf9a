import { createTestKit, startRelay, until } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import { FakeWx } from '../../fakes/platform/fake-wx';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

type Seen = Array<[string, unknown, unknown]>;

/** The game's own call, with callbacks that record what they got and their `this`. */
function gameCall(api: FakeWx['api'], outTradeNo: string | undefined, seen: Seen) {
  const options: WechatMinigame.RequestMidasPaymentOption = {
    mode: 'game',
    env: 1,
    offerId: '1450000000',
    currencyType: 'CNY',
    platform: 'android',
    buyQuantity: 60,
    zoneId: '1',
    outTradeNo: outTradeNo as string,
    success(this: unknown, res) {
      seen.push(['success', res, this]);
    },
    fail(this: unknown, res) {
      seen.push(['fail', res, this]);
    },
    complete(this: unknown, res) {
      seen.push(['complete', res, this]);
    },
  };
  if (outTradeNo === undefined) delete (options as Partial<typeof options>).outTradeNo;
  const snapshot = { ...options };
  const ret = api.requestMidasPayment(options);
  return { ret, options, snapshot };
}

async function settled(seen: Seen) {
  await until(() => seen.some(([k]) => k === 'complete'));
}

describe('autoHook', () => {
  it("reports a game's own requestMidasPayment with its callbacks and return value unchanged", async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    const plain = new FakeWx();
    const hookedSeen: Seen = [];
    const plainSeen: Seen = [];
    const hooked = gameCall(wx.api, 'GAMEorder-0001', hookedSeen);
    const unhooked = gameCall(plain.api, 'GAMEorder-0001', plainSeen);
    await settled(hookedSeen);
    await settled(plainSeen);
    expect(hooked.ret).toBe(unhooked.ret);
    expect(hookedSeen.map(([k, res]) => [k, res])).toEqual(plainSeen.map(([k, res]) => [k, res]));
    expect(hooked.options).toEqual(hooked.snapshot); // the game's object is not touched
    await until(() => relay.accepted.has('GAMEorder-0001'));
    expect(relay.accepted.get('GAMEorder-0001')).toMatchObject({
      productId: 'coins.60',
      amount: 600,
      currency: 'CNY',
      payType: 2,
      uid: relay.openid,
    });
    kit.close();
  });

  it("passes a failure to the game's fail callback as is, and reports nothing", async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    wx.payments = [{ errCode: -15002, errMsg: 'bad' }];
    const seen: Seen = [];
    gameCall(wx.api, 'GAMEorder-0002', seen);
    await settled(seen);
    expect(seen.map(([k]) => k)).toEqual(['fail', 'complete']);
    expect(seen[0][1]).toMatchObject({ errCode: -15002 });
    await kit.flush();
    expect(relay.accepted.has('GAMEorder-0002')).toBe(false);
    expect(wx.storage.data.has('mp:v1:o:GAMEorder-0002')).toBe(false);
    kit.close();
  });

  it('gives a call without outTradeNo an order id the platform sees and the report names', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    const seen: Seen = [];
    const call = gameCall(wx.api, undefined, seen);
    await settled(seen);
    expect('outTradeNo' in call.options).toBe(false);
    const sent = wx.paymentCalls[0].options.outTradeNo as string;
    expect(sent).toMatch(/^[0-9A-Za-z]{32}$/);
    await until(() => relay.accepted.has(sent));
    kit.close();
  });

  it('writes the pending order before the sheet opens', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    const seen: Seen = [];
    gameCall(wx.api, 'GAMEorder-0003', seen);
    await settled(seen);
    const atOpen = JSON.parse(wx.paymentCalls[0].storageAtOpen.get('mp:v1:o:GAMEorder-0003') as string);
    expect(atOpen.s).toBe('p');
    kit.close();
  });

  it('keeps the promise style: the game gets the platform promise and the payment is reported', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    const ret = wx.api.requestMidasPayment({
      mode: 'game',
      offerId: '1450000000',
      currencyType: 'CNY',
      buyQuantity: 10,
      outTradeNo: 'GAMEorder-0004',
    }) as unknown as Promise<{ errMsg: string }>;
    await expect(ret).resolves.toEqual({ errMsg: 'requestMidasPayment:ok' });
    await until(() => relay.accepted.has('GAMEorder-0004'));
    expect(relay.accepted.get('GAMEorder-0004')!.amount).toBe(100);
    kit.close();
  });

  it('reports kit.purchase() once even with the hook on', async () => {
    const [kit] = createTestKit(relay, { kit: { autoHook: true } });
    const before = relay.accepted.size;
    const r = await kit.purchase({ productId: 'p1', price: 100, currency: 'CNY' });
    await until(() => relay.accepted.has(r.orderId));
    await kit.flush();
    expect(relay.accepted.size).toBe(before + 1);
    expect(relay.duplicates).not.toContain(r.orderId);
    kit.close();
  });

  it('reports an item direct purchase (requestMidasPaymentGameItem) from its signData, passed on untouched', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    const signData = JSON.stringify({
      mode: 'goods', offerId: '1450000000', buyQuantity: 2, env: 1, currencyType: 'CNY', platform: 'android',
      zoneId: '1', productId: 'sword.01', goodsPrice: 300, outTradeNo: 'ITEMorder-0001', attach: 'x',
    });
    const seen: string[] = [];
    wx.api.requestMidasPaymentGameItem({
      signData: signData as unknown as WechatMinigame.SignData1,
      paySig: 'server-computed',
      signature: 'server-computed',
      success: () => seen.push('success'),
      complete: () => seen.push('complete'),
    });
    await until(() => relay.accepted.has('ITEMorder-0001'));
    expect(seen).toEqual(['success', 'complete']);
    expect(wx.paymentCalls[0].options.signData).toBe(signData);
    expect(relay.accepted.get('ITEMorder-0001')).toMatchObject({ productId: 'sword.01', amount: 600, payType: 2 });
    kit.close();
  });

  it('reports a virtual payment (requestVirtualPayment) from its signData, callbacks and signData untouched', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    const signData = JSON.stringify({
      offerId: '1450000000', buyQuantity: 3, env: 1, currencyType: 'CNY', platform: 'android',
      productId: 'gem.pack.3', goodsPrice: 100, outTradeNo: 'VIRTorder-0001', attach: 'x',
    });
    const seen: string[] = [];
    wx.api.requestVirtualPayment({
      mode: 'short_series_goods',
      signData,
      paySig: 'server-computed',
      signature: 'server-computed',
      success: () => seen.push('success'),
      complete: () => seen.push('complete'),
    });
    await until(() => relay.accepted.has('VIRTorder-0001'));
    expect(seen).toEqual(['success', 'complete']);
    expect(wx.paymentCalls[0].options.signData).toBe(signData);
    // goodsPrice is per unit: 3 × 100 fen.
    expect(relay.accepted.get('VIRTorder-0001')).toMatchObject({ productId: 'gem.pack.3', amount: 300, currency: 'CNY', payType: 2 });
    kit.close();
  });

  it('reports nothing when a virtual payment is cancelled, and the game still gets its fail callback', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { autoHook: true } });
    wx.payments.push({ errCode: -2, errMsg: 'requestVirtualPayment:fail cancel' });
    const seen: unknown[] = [];
    wx.api.requestVirtualPayment({
      mode: 'short_series_goods',
      signData: JSON.stringify({ offerId: '1450000000', buyQuantity: 1, env: 1, currencyType: 'CNY', productId: 'gem.pack.1', goodsPrice: 100, outTradeNo: 'VIRTorder-0002' }),
      paySig: 'server-computed',
      signature: 'server-computed',
      fail: (e) => seen.push(e.errCode),
      complete: () => seen.push('complete'),
    });
    await until(() => seen.includes('complete'));
    await kit.flush();
    expect(seen[0]).toBe(-2);
    expect(relay.accepted.has('VIRTorder-0002')).toBe(false);
    expect(kit.unconfirmedOrders().map((o) => o.orderId)).not.toContain('VIRTorder-0002');
    kit.close();
  });

  it('close() puts the original payment call back', async () => {
    const wx = new FakeWx();
    const original = wx.api.requestMidasPayment;
    const [kit] = createTestKit(relay, { wx, kit: { autoHook: true } });
    expect(wx.api.requestMidasPayment).not.toBe(original);
    kit.close();
    expect(wx.api.requestMidasPayment).toBe(original);
  });
});
