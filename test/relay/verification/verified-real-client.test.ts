import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { createPurchaseKit } from '../../../src/client/create-purchase-kit';
import { createWxPlatform } from '../../../src/client/platform/wx';
import { FakeClock } from '../../fakes/platform/fake-clock';
import { FakeWx } from '../../fakes/platform/fake-wx';
import {
  APP_ID, APP_KEY, manualClock, pushSender, received, startUpstreams, startVerifiedRelay, tempDir, until, verifiedConfig,
  type RunningRelay, type Upstreams,
} from './verified-kit';

/**
 * The real client (createPurchaseKit over the wx adapter and a fake `wx`) against the real relay and a fake
 * WeChat: the client pays exactly what the relay signed, its report is only a claim, and the purchase reaches the
 * sinks once WeChat's push proves it, at WeChat's amount.
 */
describe('verified revenue through the real client', () => {
  let u: Upstreams;
  let r: RunningRelay;
  let tmp: ReturnType<typeof tempDir>;
  const clock = manualClock();

  beforeAll(async () => {
    u = await startUpstreams();
    tmp = tempDir();
    r = await startVerifiedRelay(verifiedConfig(u, { sqlite: join(tmp.dir, 'relay.db') }), clock.now);
  }, 60_000);

  afterAll(async () => {
    await r.stop();
    await u.close();
    tmp.remove();
  });

  it('pays the signed order, reports it as a claim, and delivers it once when WeChat pushes', async () => {
    const wx = new FakeWx();
    const platform = createWxPlatform({ api: wx.api, payment: { offerId: '1450000000', env: 0 }, clock: new FakeClock(Date.now()) });
    const kit = createPurchaseKit({ relayUrl: r.url, appId: APP_ID, platform, payment: { offerId: '1450000000', env: 0 } });
    const { openid } = await kit.login();

    // The client asks for ¥0.01: the relay charges the catalog's ¥9.99.
    const result = await kit.purchase({ productId: '500.picsh.cre', price: 1, currency: 'CNY', name: '500 diamonds' });
    expect(result).toMatchObject({ status: 'paid' });
    const call = wx.paymentCalls.at(-1)!.options as unknown as { signData: string; paySig: string; signature: string };
    expect(typeof call.signData).toBe('string');
    expect(JSON.parse(call.signData)).toMatchObject({ goodsPrice: 999, outTradeNo: result.orderId, productId: '500.picsh.cre' });
    expect(call.paySig).toBe(createHmac('sha256', APP_KEY).update(`requestMidasPaymentGameItem&${call.signData}`).digest('hex'));
    expect(call.signature).toBe(createHmac('sha256', u.wechat.sessionKeyOf(APP_ID, openid)!).update(call.signData).digest('hex'));

    await kit.flush();
    expect(kit.queuedCount()).toBe(0);
    expect(await r.relay.storage.payments.getOrder(APP_ID, result.orderId)).toMatchObject({ state: 'pending', claim: expect.objectContaining({ orderId: result.orderId }) });
    await new Promise((res) => setTimeout(res, 300));
    expect(received(u, result.orderId)).toEqual({ tianmu: 0, hive: 0, kakao: 0 });

    const push = pushSender(true, () => Math.floor(clock.now() / 1000));
    const sent = await push.goods({ openId: openid, outTradeNo: result.orderId, productId: '500.picsh.cre', actualPrice: 999 }).send(`${r.url}/v1/notify/wechat/${APP_ID}`);
    expect(sent.body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    await until(() => received(u, result.orderId).tianmu === 1 && received(u, result.orderId).hive === 1 && received(u, result.orderId).kakao === 1);
    const ext = u.tianmu.accepted.map((a) => JSON.parse(a.body).userLog.ext).find((e) => e.order_code === result.orderId);
    expect(ext).toMatchObject({ pay_amount: 999, uid: openid, is_first_pay: true });
  });
});
