import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call } from '../http/relay-test-kit';
import {
  APP_ID, manualClock, pushSender, received, startUpstreams, startVerifiedRelay, tempDir, until, verifiedConfig, wechatLogin,
  type RunningRelay, type Upstreams,
} from './verified-kit';

/** A catalog source with one whole-yuan pack (a Midas tier) and one ¥9.99 pack. */
function writeCatalog(dir: string): string {
  const file = join(dir, 'catalog.json');
  const pack = (id: number, productId: string, price: number) => ({ id, price, amount: 60, giftAmount: 0, productId, limitBuy: 0, type: 0, pageType: 1, originalPrice: price });
  writeFileSync(file, JSON.stringify({ code: 200, msg: 'SUCCESS', data: { creditPage: { purchaseList: [pack(1, '60.coins', 600), pack(2, '999.coins', 999)] } } }));
  return file;
}

describe('verified revenue: coins mode, and orders the game paid by itself (autoHook)', () => {
  let u: Upstreams;
  let r: RunningRelay;
  let tmp: ReturnType<typeof tempDir>;
  const clock = manualClock();
  const push = pushSender(false, () => Math.floor(clock.now() / 1000));
  let player: { token: string; openid: string };
  let notify = '';

  beforeAll(async () => {
    u = await startUpstreams();
    tmp = tempDir();
    const config = verifiedConfig(u, { sqlite: join(tmp.dir, 'relay.db') }, { pay: { mode: 'coins', coinPrice: 10 }, game: { catalog: { file: writeCatalog(tmp.dir) } } });
    r = await startVerifiedRelay(config, clock.now);
    notify = `${r.url}/v1/notify/wechat/${APP_ID}`;
    player = await wechatLogin(r.url, 'code-coins-1');
  }, 60_000);

  afterAll(async () => {
    await r.stop();
    await u.close();
    tmp.remove();
  });

  const claim = (orderId: string, productId: string, amount: number) =>
    call(r.url, 'POST', '/v1/purchases', {
      token: player.token,
      body: { reports: [{ orderId, appId: APP_ID, uid: player.openid, productId, amount, currency: 'CNY', payType: 2, paidAt: clock.now() - 1000, device: { type: 2 }, sdkVersion: '0.2.0' }] },
    });

  it('sells whole coins on a price tier, and refuses ¥9.99 instead of charging ¥10.00', async () => {
    const ok = await call(r.url, 'POST', '/v1/orders', { token: player.token, body: { productId: '60.coins' } });
    expect(ok.status).toBe(200);
    expect(ok.body.payment).toEqual({
      api: 'requestMidasPayment', mode: 'game', env: 0, offerId: '1450000000', currencyType: 'CNY', platform: 'android',
      buyQuantity: 60, zoneId: '1', outTradeNo: ok.body.orderId,
    });
    const refused = await call(r.url, 'POST', '/v1/orders', { token: player.token, body: { productId: '999.coins' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'PRICE_NOT_PAYABLE', field: 'productId' });
    expect(refused.body.error.message).toContain('999 fen');
  });

  it('proves a coins order with minigame_coin_deliver_completed (TotalPrice accepted)', async () => {
    const { body: o } = await call(r.url, 'POST', '/v1/orders', { token: player.token, body: { productId: '60.coins' } });
    const sent = await push.coins({ openId: player.openid, outTradeNo: o.orderId, buyQuantity: 60, price: 600, priceField: 'TotalPrice' }).send(notify);
    expect(sent.body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    await until(() => received(u, o.orderId).tianmu === 1);
    expect(await r.relay.storage.payments.getOrder(APP_ID, o.orderId)).toMatchObject({ state: 'paid', paidAmount: 600 });
  });

  it('proves an order the game made itself by querying WeChat, at the catalog price of WeChat\'s product_id', async () => {
    const orderId = 'hookedOrder00000000000000000001';
    // The client claims ¥999.99 for the pack; WeChat says it was 60.coins (¥6.00).
    expect((await claim(orderId, '60.coins', 99_999)).body.results[0].status).toBe('accepted');
    u.wechat.setPaidOrder(APP_ID, orderId, { openid: player.openid, productId: '60.coins', payFinishTime: Math.floor(clock.now() / 1000) });
    clock.advance(61_000);
    await until(() => received(u, orderId).tianmu === 1 && received(u, orderId).kakao === 1);
    const tianmu = u.tianmu.accepted.map((a) => JSON.parse(a.body).userLog.ext).find((e) => e.order_code === orderId);
    expect(tianmu.pay_amount).toBe(600);
  });

  it('applies a push that came before the game\'s own report of an order it made itself', async () => {
    const orderId = 'hookedOrder00000000000000000002';
    const sent = await push.coins({ openId: player.openid, outTradeNo: orderId, buyQuantity: 60, price: 600 }).send(notify);
    expect(sent.body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    await new Promise((res) => setTimeout(res, 200));
    expect(received(u, orderId).tianmu).toBe(0);
    expect((await claim(orderId, '60.coins', 600)).body.results[0].status).toBe('accepted');
    await until(() => received(u, orderId).tianmu === 1);
  });

  it('never delivers a claim WeChat does not confirm, and one of another player\'s push stays an anomaly', async () => {
    const orderId = 'hookedOrder00000000000000000003';
    await push.coins({ openId: 'o-someone-else', outTradeNo: orderId, buyQuantity: 60, price: 600 }).send(notify);
    expect((await claim(orderId, '60.coins', 600)).body.results[0].status).toBe('accepted');
    clock.advance(61_000);
    await new Promise((res) => setTimeout(res, 300));
    expect(received(u, orderId)).toEqual({ tianmu: 0, hive: 0, kakao: 0 });
    expect(await r.relay.storage.payments.getOrder(APP_ID, orderId)).toMatchObject({ state: 'pending', origin: 'claim' });
  });
});
