import { join } from 'node:path';
import { createPurchaseKit } from '../../../src/client/create-purchase-kit';
import { createQqPlatform } from '../../../src/client/platform/qq';
import { createTtPlatform } from '../../../src/client/platform/tt';
import { createWxPlatform } from '../../../src/client/platform/wx';
import { RelayConfigSchema, type RelayConfig } from '../../../src/relay/config/config-schema';
import { revenueMode } from '../../../src/relay/platforms';
import { FakeClock } from '../../fakes/platform/fake-clock';
import { FakeQq as FakeQqHost, FakeTt } from '../../fakes/platform/fake-qq-tt';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { douyinCallback, postCallback } from '../../fakes/upstreams/douyin-callback-sender';
import { FakeDouyin } from '../../fakes/upstreams/fake-douyin';
import { FakeQq } from '../../fakes/upstreams/fake-qq';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { call } from '../http/relay-test-kit';
import {
  APP_ID as WX_APP, manualClock, pushSender, received, startUpstreams, startVerifiedRelay, tempDir, until, verifiedConfig,
  type RunningRelay, type Upstreams,
} from './verified-kit';

const DY_APP = 'tt1234567890abcdef';
const DY_SECRET = 'douyin-app-secret-0123456789';
const DY_TOKEN = 'douyin-callback-token-0123456789';
const QQ_APP = '1109876543';
const QQ_SECRET = 'qq-app-secret-0123456789';
const ADMIN = 'verified-admin-token-0123456789';
const PRODUCT = { productId: '500.picsh.cre', price: 1, currency: 'CNY', name: '500 diamonds' };

/**
 * One relay serving a WeChat, a Douyin and a QQ game at once, each driven through the real client over its own
 * adapter and a fake of its platform on 127.0.0.1: Douyin's callback (or queryPayState) proves Douyin orders,
 * WeChat's push proves WeChat orders, neither settles the other's, and QQ pays with the relay's prepayId.
 */
describe('one relay, three platforms', () => {
  let u: Upstreams;
  let douyin: FakeDouyin;
  let qq: FakeQq;
  let extra: StartedFake[];
  let r: RunningRelay;
  let tmp: ReturnType<typeof tempDir>;
  let config: RelayConfig;
  const clock = manualClock();

  beforeAll(async () => {
    u = await startUpstreams();
    douyin = new FakeDouyin({ apps: { [DY_APP]: DY_SECRET } });
    qq = new FakeQq({ apps: { [QQ_APP]: QQ_SECRET } });
    extra = [await douyin.start(), await qq.start()];
    tmp = tempDir();
    const base = verifiedConfig(u, { sqlite: join(tmp.dir, 'relay.db') });
    const wechatGame = base.games[0];
    const shared = { catalog: wechatGame.catalog, verification: wechatGame.verification, sinks: wechatGame.sinks };
    config = RelayConfigSchema.parse({
      ...base,
      games: [
        wechatGame,
        { appId: DY_APP, platform: 'douyin', douyin: { appSecret: DY_SECRET, apiBase: extra[0].url, pay: { callbackToken: DY_TOKEN, coinPrice: 1 } }, ...shared },
        { appId: QQ_APP, platform: 'qq', qq: { appSecret: QQ_SECRET, apiBase: extra[1].url, pay: { starPrice: 1 } }, ...shared },
      ],
    });
    r = await startVerifiedRelay(config, clock.now);
  }, 60_000);

  afterAll(async () => {
    await r.stop();
    await Promise.all(extra.map((s) => s.close()));
    await u.close();
    tmp.remove();
  });

  let players = 0;
  function douyinKit() {
    const tt = new FakeTt({ codePrefix: `player${++players}` });
    const platform = createTtPlatform({ api: tt.api, clock: new FakeClock(Date.now()) });
    return { tt, kit: createPurchaseKit({ relayUrl: r.url, appId: DY_APP, platform }) };
  }
  const dyNotify = (appId = DY_APP) => `${r.url}/v1/notify/douyin/${appId}`;
  const nothing = { tianmu: 0, hive: 0, kakao: 0 };
  const once = { tianmu: 1, hive: 1, kakao: 1 };

  it('gives each game the revenue mode of its platform', () => {
    expect(config.games.map(revenueMode)).toEqual(['verified', 'verified', 'reported']);
  });

  it('Douyin: logs in with Douyin, pays the relay order by customId, and delivers once on the signed CNY callback', async () => {
    const { tt, kit } = douyinKit();
    const { openid } = await kit.login();
    expect(openid).toBe(FakeDouyin.openidFor(DY_APP, 'player1-1'));
    expect(douyin.sessionKeyOf(DY_APP, openid)).toBeDefined();

    const result = await kit.purchase(PRODUCT);
    expect(result).toMatchObject({ status: 'paid' });
    expect(tt.paymentCalls.at(-1)).toMatchObject({ mode: 'game', env: 0, currencyType: 'CNY', platform: 'android', buyQuantity: 999, zoneId: '1', customId: result.orderId });
    await kit.flush();
    expect(await r.relay.storage.payments.getOrder(DY_APP, result.orderId)).toMatchObject({ state: 'pending', amount: 999 });
    await new Promise((res) => setTimeout(res, 200));
    expect(received(u, result.orderId)).toEqual(nothing);

    const body = douyinCallback(DY_TOKEN, { appId: DY_APP, orderId: result.orderId, amountCent: 999, timestamp: Math.floor(clock.now() / 1000) });
    expect(await postCallback(dyNotify(), body)).toEqual({ status: 200, body: { err_no: 0, err_tips: 'success' } });
    await until(() => received(u, result.orderId).tianmu === 1 && received(u, result.orderId).hive === 1 && received(u, result.orderId).kakao === 1);
    const ext = u.tianmu.accepted.map((a) => JSON.parse(a.body).userLog.ext).find((e) => e.order_code === result.orderId);
    expect(ext).toMatchObject({ pay_amount: 999, uid: openid });

    // The same callback again (Douyin retries): acknowledged, nothing new.
    expect((await postCallback(dyNotify(), body)).status).toBe(200);
    await new Promise((res) => setTimeout(res, 300));
    expect(received(u, result.orderId)).toEqual(once);
    expect(await r.relay.storage.payments.getOrder(DY_APP, result.orderId)).toMatchObject({ state: 'paid', paidAmount: 999 });
  });

  it('Douyin: refuses a tampered or foreign-token callback and stores nothing', async () => {
    const { kit } = douyinKit();
    await kit.login();
    const result = await kit.purchase(PRODUCT);
    const tampered = douyinCallback(DY_TOKEN, { appId: DY_APP, orderId: result.orderId, amountCent: 1 }, { amountAfterSigning: 99999 });
    expect((await postCallback(dyNotify(), tampered)).status).toBe(401);
    const foreign = douyinCallback('another-token-0123456789', { appId: DY_APP, orderId: result.orderId, amountCent: 999 });
    expect((await postCallback(dyNotify(), foreign)).status).toBe(401);
    expect(await r.relay.storage.payments.getOrder(DY_APP, result.orderId)).toMatchObject({ state: 'pending' });
    expect(await r.relay.storage.payments.eventsOf(DY_APP, result.orderId)).toEqual([]);
  });

  it('Douyin: a DIAMOND payment is stored and exported, never sent as money, and no later query turns it into money', async () => {
    const { kit } = douyinKit();
    await kit.login();
    const result = await kit.purchase(PRODUCT);
    const body = douyinCallback(DY_TOKEN, { appId: DY_APP, orderId: result.orderId, currency: 'DIAMOND', amountCoin: 99 });
    expect((await postCallback(dyNotify(), body)).status).toBe(200);
    expect(await r.relay.storage.payments.getOrder(DY_APP, result.orderId)).toMatchObject({ state: 'unverified' });
    const listed = await call(r.url, 'GET', `/admin/payment-events?kind=non-cash&app=${DY_APP}`, { token: ADMIN });
    expect(listed.body.events).toEqual([expect.objectContaining({ orderId: result.orderId, kind: 'non-cash', amount: 99, detail: expect.objectContaining({ currency: 'DIAMOND' }) })]);
    douyin.setPaid(result.orderId);
    clock.advance(120_000);
    await new Promise((res) => setTimeout(res, 400));
    expect(received(u, result.orderId)).toEqual(nothing);
  });

  it('Douyin: without a callback, queryPayState success proves the order at its own amount', async () => {
    const { kit } = douyinKit();
    await kit.login();
    const result = await kit.purchase(PRODUCT);
    await kit.flush();
    douyin.setPaid(result.orderId);
    clock.advance(61_000);
    await until(() => received(u, result.orderId).tianmu === 1 && received(u, result.orderId).hive === 1 && received(u, result.orderId).kakao === 1);
    expect(await r.relay.storage.payments.getOrder(DY_APP, result.orderId)).toMatchObject({ state: 'paid', paidAmount: 999, proof: expect.objectContaining({ source: 'query', via: 'queryPayState' }) });
  });

  it('no cross-talk: a Douyin callback never settles a WeChat order, a WeChat push never a Douyin one', async () => {
    const wx = new FakeWx();
    const wxKit = createPurchaseKit({ relayUrl: r.url, appId: WX_APP, platform: createWxPlatform({ api: wx.api, clock: new FakeClock(Date.now()) }), payment: { offerId: '1450000000', env: 0 } });
    const wxUser = await wxKit.login();
    const wxOrder = await wxKit.purchase(PRODUCT);
    const { kit } = douyinKit();
    const dyUser = await kit.login();
    const dyOrder = await kit.purchase(PRODUCT);

    // Douyin callbacks about the WeChat order: at the WeChat game's address there is no Douyin endpoint;
    // at the Douyin game's address the order id is not one of its orders (kept as an anomaly, nothing settled).
    const aboutWx = douyinCallback(DY_TOKEN, { appId: WX_APP, orderId: wxOrder.orderId, amountCent: 999, openid: wxUser.openid });
    expect((await postCallback(dyNotify(WX_APP), aboutWx)).status).toBe(404);
    const aboutWxHere = douyinCallback(DY_TOKEN, { appId: DY_APP, orderId: wxOrder.orderId, amountCent: 999, openid: wxUser.openid });
    expect((await postCallback(dyNotify(), aboutWxHere)).status).toBe(200);
    expect(await r.relay.storage.payments.getOrder(WX_APP, wxOrder.orderId)).toMatchObject({ state: 'pending' });

    // WeChat pushes about the Douyin order: no WeChat endpoint at the Douyin game's address; at the WeChat game's
    // address the order is not one of its own.
    const push = pushSender(false, () => Math.floor(clock.now() / 1000));
    const goods = push.goods({ openId: dyUser.openid, outTradeNo: dyOrder.orderId, productId: '500.picsh.cre', actualPrice: 999 });
    expect((await goods.send(`${r.url}/v1/notify/wechat/${DY_APP}`)).status).toBe(404);
    expect((await goods.send(`${r.url}/v1/notify/wechat/${WX_APP}`)).status).toBe(200);
    expect(await r.relay.storage.payments.getOrder(DY_APP, dyOrder.orderId)).toMatchObject({ state: 'pending' });
    await new Promise((res) => setTimeout(res, 300));
    expect(received(u, wxOrder.orderId)).toEqual(nothing);
    expect(received(u, dyOrder.orderId)).toEqual(nothing);

    // Each platform's own proof still settles its own order.
    const own = douyinCallback(DY_TOKEN, { appId: DY_APP, orderId: dyOrder.orderId, amountCent: 999 });
    expect((await postCallback(dyNotify(), own)).status).toBe(200);
    const wxPush = push.goods({ openId: wxUser.openid, outTradeNo: wxOrder.orderId, productId: '500.picsh.cre', actualPrice: 999 });
    expect((await wxPush.send(`${r.url}/v1/notify/wechat/${WX_APP}`)).status).toBe(200);
    await until(() => received(u, dyOrder.orderId).tianmu === 1 && received(u, wxOrder.orderId).tianmu === 1);
  });

  it('QQ: logs in with QQ, pays with the prepayId the relay got from GamePrePay, and its report is revenue (reported mode)', async () => {
    const host = new FakeQqHost();
    const kit = createPurchaseKit({ relayUrl: r.url, appId: QQ_APP, platform: createQqPlatform({ api: host.api, clock: new FakeClock(Date.now()) }) });
    const { openid } = await kit.login();
    expect(openid).toBe(FakeQq.openidFor(QQ_APP, 'code-1'));
    const result = await kit.purchase(PRODUCT);
    expect(result).toMatchObject({ status: 'paid' });
    const paid = host.paymentCalls.at(-1) as { prepayId: string; starCurrency: number; setEnv: number };
    expect(paid).toMatchObject({ starCurrency: 999, setEnv: 0 });
    expect(qq.prepays.get(paid.prepayId)).toEqual({ appid: QQ_APP, openid, billNo: result.orderId, amt: 999, goodid: '500.picsh.cre', goodNum: 1 });
    expect(qq.rejected).toEqual([]);
    await kit.flush();
    await until(() => received(u, result.orderId).tianmu === 1 && received(u, result.orderId).hive === 1 && received(u, result.orderId).kakao === 1);
    const ext = u.tianmu.accepted.map((a) => JSON.parse(a.body).userLog.ext).find((e) => e.order_code === result.orderId);
    expect(ext).toMatchObject({ pay_amount: 999, uid: openid });
    // One access token served every prepay (sealed in sync_state, shared).
    expect(qq.tokenCalls).toBe(1);
  });
});
