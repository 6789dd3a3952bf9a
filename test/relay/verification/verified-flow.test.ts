import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { call } from '../http/relay-test-kit';
import {
  APP_ID, APP_KEY, SECRETS, manualClock, pushSender, received, startUpstreams, startVerifiedRelay, tempDir, until, verifiedConfig, wechatLogin,
  type RunningRelay, type Upstreams,
} from './verified-kit';

/**
 * A verified WeChat game end to end on the real relay (SQLite) with a fake WeChat (login with session_key,
 * stable_token, queryorderinfo, pushes signed as WeChat signs them) and fake Tianmu, Hive and Kakao: only what
 * WeChat proves reaches a sink, once, at WeChat's amount.
 */
describe('verified revenue (WeChat item purchases)', () => {
  let u: Upstreams;
  let r: RunningRelay;
  let tmp: ReturnType<typeof tempDir>;
  const clock = manualClock();
  const push = pushSender(false, () => Math.floor(clock.now() / 1000));
  const safePush = pushSender(true, () => Math.floor(clock.now() / 1000));
  let player: { token: string; openid: string };
  let notify = '';

  beforeAll(async () => {
    u = await startUpstreams();
    tmp = tempDir();
    r = await startVerifiedRelay(verifiedConfig(u, { sqlite: join(tmp.dir, 'relay.db') }), clock.now);
    notify = `${r.url}/v1/notify/wechat/${APP_ID}`;
    player = await wechatLogin(r.url, 'code-player-1');
  }, 60_000);

  afterAll(async () => {
    await r.stop();
    await u.close();
    tmp.remove();
  });

  const order = async (productId = '500.picsh.cre', quantity?: number, token = player.token) =>
    call(r.url, 'POST', '/v1/orders', { token, body: { productId, ...(quantity ? { quantity } : {}), context: { zone: 'z1', level: 7, country: 'CN', device: { type: 3, brand: 'OPPO' }, sdkVersion: '0.2.0' } } });
  const claim = (orderId: string, patch: Record<string, unknown> = {}, token = player.token, uid = player.openid) =>
    call(r.url, 'POST', '/v1/purchases', {
      token,
      body: { reports: [{ orderId, appId: APP_ID, uid, productId: '500.picsh.cre', amount: 999, currency: 'CNY', payType: 2, paidAt: clock.now() - 1000, device: { type: 3 }, sdkVersion: '0.2.0', gameUid: 'g-42', ...patch }] },
    });
  const tianmuAmounts = (orderId: string) =>
    u.tianmu.accepted.map((a) => JSON.parse(a.body).userLog.ext).filter((e) => e.order_code === orderId).map((e) => e.pay_amount);
  const settle = () => new Promise((res) => setTimeout(res, 300));

  it('signs an item order at the catalog price with the AppKey and the player session_key', async () => {
    const a = await order('500.picsh.cre', 2);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ productId: '500.picsh.cre', amount: 1998, currency: 'CNY', env: 0, payment: { api: 'requestMidasPaymentGameItem' } });
    expect(a.body.orderId).toMatch(/^[0-9A-Za-z]{32}$/);
    const { signData, paySig, signature } = a.body.payment;
    expect(JSON.parse(signData)).toEqual({
      mode: 'goods', offerId: '1450000000', buyQuantity: 2, env: 0, currencyType: 'CNY', platform: 'android', zoneId: '1',
      productId: '500.picsh.cre', goodsPrice: 999, outTradeNo: a.body.orderId, attach: '',
    });
    expect(paySig).toBe(createHmac('sha256', APP_KEY).update(`requestMidasPaymentGameItem&${signData}`).digest('hex'));
    const sessionKey = u.wechat.sessionKeyOf(APP_ID, player.openid) as string;
    expect(signature).toBe(createHmac('sha256', sessionKey).update(signData).digest('hex'));
    expect(a.text).not.toContain(sessionKey);
  });

  it('refuses an unknown product naming productId, whatever price the client hoped for', async () => {
    const a = await call(r.url, 'POST', '/v1/orders', { token: player.token, body: { productId: 'free.diamonds', amount: 1 } });
    expect(a.status).toBe(400);
    expect(a.body.error).toMatchObject({ code: 'UNKNOWN_PRODUCT', field: 'productId' });
  });

  it('delivers a pushed purchase once, at ActualPrice, with the order context, however often WeChat pushes', async () => {
    const { body: o } = await order();
    expect((await claim(o.orderId, { amount: 99_999_900 })).body.results[0].status).toBe('accepted');
    await settle();
    expect(received(u, o.orderId)).toEqual({ tianmu: 0, hive: 0, kakao: 0 });
    const p = push.goods({ openId: player.openid, outTradeNo: o.orderId, productId: '500.picsh.cre', actualPrice: 899, quantity: 1 });
    for (let i = 0; i < 3; i++) expect((await p.send(notify)).body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    await until(() => received(u, o.orderId).kakao === 1 && received(u, o.orderId).tianmu === 1 && received(u, o.orderId).hive === 1);
    await settle();
    expect(received(u, o.orderId)).toEqual({ tianmu: 1, hive: 1, kakao: 1 });
    expect(tianmuAmounts(o.orderId)).toEqual([899]);
    const stored = await r.relay.storage.payments.getOrder(APP_ID, o.orderId);
    expect(stored).toMatchObject({ state: 'paid', paidAmount: 899, proof: { source: 'push' } });
    const row = u.hive.rows.find((x) => x.transaction_id === o.orderId)!;
    expect(row).toMatchObject({ product_price: 8.99 });
  });

  it('takes a push that arrives before the client report, and the late report is only a claim', async () => {
    const { body: o } = await order();
    const sent = await safePush.goods({ openId: player.openid, outTradeNo: o.orderId, productId: '500.picsh.cre', actualPrice: 999 }).send(notify);
    expect(sent.body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    await until(() => received(u, o.orderId).tianmu === 1);
    expect((await claim(o.orderId)).body.results[0].status).toBe('accepted');
    expect((await claim(o.orderId)).body.results[0].status).toBe('duplicate');
    await settle();
    expect(received(u, o.orderId).tianmu).toBe(1);
  });

  it('never delivers a forged report, a report for another player, or a repriced one', async () => {
    const forged = await claim('forgedorder0000000000000000000001', { amount: 9_999_900 });
    expect(forged.body.results[0].status).toBe('accepted');
    const { body: o } = await order();
    const other = await wechatLogin(r.url, 'code-player-2');
    const stolen = await claim(o.orderId, {}, other.token, other.openid);
    expect(stolen.body.results[0]).toMatchObject({ status: 'rejected', error: expect.stringMatching(/^ORDER_ID_CONFLICT/) });
    await settle();
    expect(received(u, 'forgedorder0000000000000000000001')).toEqual({ tianmu: 0, hive: 0, kakao: 0 });
    expect(received(u, o.orderId)).toEqual({ tianmu: 0, hive: 0, kakao: 0 });
  });

  it.each([
    ['PayEventSig with a wrong key', { sigKey: 'wrong' as const }],
    ["PayEventSig with the other Env's key", { sigKey: 'other-env' as const }],
    ['a corrupt transport signature', { corruptSignature: true }],
    ['a re-serialised Payload', { reserializePayload: true }],
  ])('refuses a push with %s: non-zero ErrCode, nothing stored', async (_name, tamper) => {
    const { body: o } = await order();
    const sent = await push.goods({ openId: player.openid, outTradeNo: o.orderId, productId: '500.picsh.cre', actualPrice: 999 }, tamper).send(notify);
    expect(sent.status).not.toBe(200);
    expect((sent.body as { ErrCode: number }).ErrCode).not.toBe(0);
    expect(await r.relay.storage.payments.eventsOf(APP_ID, o.orderId)).toEqual([]);
    expect(await r.relay.storage.payments.getOrder(APP_ID, o.orderId)).toMatchObject({ state: 'pending' });
  });

  it('refuses a safe-mode push with a corrupt msg_signature', async () => {
    const { body: o } = await order();
    const sent = await safePush.goods({ openId: player.openid, outTradeNo: o.orderId, productId: '500.picsh.cre', actualPrice: 999 }, { corruptMsgSignature: true }).send(notify);
    expect((sent.body as { ErrCode: number }).ErrCode).not.toBe(0);
    expect(await r.relay.storage.payments.getOrder(APP_ID, o.orderId)).toMatchObject({ state: 'pending' });
  });

  it.each([
    ['another OpenId', { openId: 'o-someone-else' }, 'openid'],
    ['another ProductId', { productId: '1000.picsh.cre' }, 'product'],
    ['another Quantity', { quantity: 5 }, 'quantity'],
  ])('acknowledges a signed push with %s and keeps it as an anomaly, never delivered', async (_n, patch, reason) => {
    const { body: o } = await order();
    const sent = await push.goods({ openId: player.openid, outTradeNo: o.orderId, productId: '500.picsh.cre', actualPrice: 999, quantity: 1, ...patch }).send(notify);
    expect(sent.body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    const events = await r.relay.storage.payments.eventsOf(APP_ID, o.orderId);
    expect(events).toEqual([expect.objectContaining({ kind: 'anomaly', detail: expect.objectContaining({ reason }) })]);
    await settle();
    expect(received(u, o.orderId)).toEqual({ tianmu: 0, hive: 0, kakao: 0 });
  });

  it('acknowledges Env 1 and IsMock pushes without revenue', async () => {
    const { body: o } = await order();
    expect((await push.goods({ openId: player.openid, outTradeNo: o.orderId, productId: '500.picsh.cre', actualPrice: 999, env: 1 }).send(notify)).body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    const { body: o2 } = await order();
    expect((await push.goods({ openId: player.openid, outTradeNo: o2.orderId, productId: '500.picsh.cre', actualPrice: 999 }, { isMock: true }).send(notify)).body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    await settle();
    expect(received(u, o.orderId)).toEqual({ tianmu: 0, hive: 0, kakao: 0 });
    expect(received(u, o2.orderId)).toEqual({ tianmu: 0, hive: 0, kakao: 0 });
    expect(await r.relay.storage.payments.getOrder(APP_ID, o.orderId)).toMatchObject({ state: 'sandbox' });
    expect(await r.relay.storage.payments.getOrder(APP_ID, o2.orderId)).toMatchObject({ state: 'pending' });
    expect(await r.relay.storage.payments.eventsOf(APP_ID, o2.orderId)).toEqual([]);
  });

  it('proves an order WeChat never pushed by asking queryorderinfo after queryAfterSeconds', async () => {
    const { body: o } = await order();
    await claim(o.orderId);
    u.wechat.setPaidOrder(APP_ID, o.orderId, { openid: player.openid, productId: '500.picsh.cre', payFinishTime: Math.floor(clock.now() / 1000) });
    await settle();
    expect(received(u, o.orderId).tianmu).toBe(0);
    clock.advance(61_000);
    await until(() => received(u, o.orderId).tianmu === 1 && received(u, o.orderId).kakao === 1 && received(u, o.orderId).hive === 1);
    expect(tianmuAmounts(o.orderId)).toEqual([999]);
    expect(await r.relay.storage.payments.getOrder(APP_ID, o.orderId)).toMatchObject({ state: 'paid', proof: { source: 'query' } });
    expect(u.wechat.tokenCalls).toBe(1);
  });

  it('gives up on an order nothing proves: unverified, listed by the admin API and in /metrics, never delivered', async () => {
    const { body: o } = await order();
    await claim(o.orderId);
    clock.advance(3_600_000 + 1000);
    await until(async () => (await r.relay.storage.payments.getOrder(APP_ID, o.orderId))?.state === 'unverified');
    const admin = await call(r.url, 'GET', '/admin/orders?state=unverified', { token: 'verified-admin-token-0123456789' });
    expect(admin.body.orders.map((x: { orderId: string }) => x.orderId)).toContain(o.orderId);
    const metrics = await call(r.url, 'GET', '/metrics');
    expect(metrics.text).toMatch(/relay_orders\{state="unverified"\} [1-9]/);
    expect(received(u, o.orderId)).toEqual({ tianmu: 0, hive: 0, kakao: 0 });
  });

  it('stores a refund once and exports it', async () => {
    const { body: o } = await order();
    await push.goods({ openId: player.openid, outTradeNo: o.orderId, productId: '500.picsh.cre', actualPrice: 999 }).send(notify);
    const refund = push.refund({ outTradeNo: o.orderId, refundId: 'rf-1', refundAmount: 500, openId: player.openid });
    expect((await refund.send(notify)).body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    expect((await refund.send(notify)).body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    expect(await r.relay.storage.payments.getOrder(APP_ID, o.orderId)).toMatchObject({ refundedAmount: 500 });
    await settle(); // one scrape's storage reads are shared for 100 ms
    expect((await call(r.url, 'GET', '/metrics')).text).toMatch(/relay_refunded_minor_units 500/);
  });

  it('answers the console URL check only with the right signature', async () => {
    const { urlCheck } = await import('../../fakes/upstreams/wechat-push-sender');
    const good = urlCheck('push-token-0123456789');
    expect((await good.send(notify)).text).toBe(good.echostr);
    expect((await urlCheck('push-token-0123456789', { corruptSignature: true }).send(notify)).status).toBe(401);
  });

  it('keeps no session_key in clear on disk, and none in a log line or an admin answer', async () => {
    const key = u.wechat.sessionKeyOf(APP_ID, player.openid) as string;
    const raw = Buffer.from(key, 'base64');
    for (const f of readdirSync(tmp.dir)) {
      const bytes = readFileSync(join(tmp.dir, f));
      expect(bytes.includes(Buffer.from(key))).toBe(false);
      expect(bytes.includes(raw)).toBe(false);
    }
    const logs = r.logLines.join('\n');
    expect(logs).not.toContain(key);
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
    const admin = await call(r.url, 'GET', '/admin/orders?limit=1000', { token: 'verified-admin-token-0123456789' });
    expect(admin.text).not.toContain(key);
  });

  it('asks the client to log in again when the session_key is stale', async () => {
    await r.relay.storage.payments.markSessionKeyStale(APP_ID, player.openid, clock.now());
    const a = await order();
    expect(a.status).toBe(401);
    expect(a.body.error.code).toBe('SESSION_KEY_STALE');
    player = await wechatLogin(r.url, 'code-player-1b');
    expect((await order()).status).toBe(200);
  });
});
