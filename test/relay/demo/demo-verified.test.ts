import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_WECHAT } from '../../../src/relay/config/load-config';
import { startDemo, type Demo } from '../../../src/relay/demo/start-demo';
import type { PurchaseDeliveries } from '../../../src/relay/demo/demo-deliveries';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { createSessionKeys } from '../../../src/relay/verification/session-keys';
import { call } from '../http/relay-test-kit';
import { until } from '../verification/verified-kit';

/**
 * The demo is a verified game: sandbox logins get a sealed random session_key, orders are signed with the demo
 * AppKey and that key, and the demo's sandbox WeChat proves a paid order with a push signed as WeChat signs, at the
 * order's amount, whatever the page says; only then do the capture sinks get it.
 */
describe('the demo: verified purchases through its sandbox WeChat', () => {
  let dir: string;
  let demo: Demo;
  let player: { token: string; openid: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-verified-'));
    demo = await startDemo({ dataDir: dir, port: 0, log: createRelayLogger({ destination: { write: () => undefined } }) });
    const s = await call(demo.relay.url, 'POST', '/v1/session', { body: { appId: demo.appId, code: 'sandbox-player-1' } });
    expect(s.status).toBe(200);
    player = s.body;
  }, 60_000);

  afterAll(async () => {
    await demo.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const order = () => call(demo.relay.url, 'POST', '/v1/orders', { token: player.token, body: { productId: '500.picsh.cre', context: { country: 'CN' } } });
  const purchase = async (orderId: string): Promise<PurchaseDeliveries | undefined> =>
    ((await call(demo.relay.url, 'GET', '/demo/api/deliveries')).body.purchases as PurchaseDeliveries[]).find((p) => p.orderId === orderId);

  it('signs its orders with the demo AppKey and the sandbox player session_key', async () => {
    const a = await order();
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ amount: 999, currency: 'CNY', env: 0, payment: { api: 'requestMidasPaymentGameItem' } });
    const { signData, paySig, signature } = a.body.payment;
    expect(JSON.parse(signData)).toMatchObject({ offerId: DEMO_WECHAT.offerId, goodsPrice: 999, outTradeNo: a.body.orderId, env: 0 });
    expect(paySig).toBe(createHmac('sha256', DEMO_WECHAT.appKey).update(`requestMidasPaymentGameItem&${signData}`).digest('hex'));
    const key = await createSessionKeys(demo.relay.storage.payments, DEMO_WECHAT.keyEncryptionKey).load(demo.appId, player.openid);
    if (!key.ok) throw new Error(`no session key: ${key.reason}`);
    expect(Buffer.from(key.key, 'base64')).toHaveLength(16);
    expect(signature).toBe(createHmac('sha256', key.key).update(signData).digest('hex'));
  });

  it('a paid order is proven by the pushed payment at the order amount, then delivered to the three capture sinks', async () => {
    const { body: o } = await order();
    // Not paid yet (the sheet is open): no purchase to show.
    expect(await purchase(o.orderId)).toBeUndefined();
    // Money never comes from the page: an amount in the request is not read.
    const paid = await call(demo.relay.url, 'POST', '/demo/api/paid', { body: { orderId: o.orderId, amount: 1 } });
    expect(paid.status).toBe(200);
    expect(paid.body.pushed).toEqual({ status: 200, answer: { ErrCode: 0, ErrMsg: 'Success' } });
    const p = await purchase(o.orderId);
    expect(p?.verification).toMatchObject({ state: 'paid', claimed: false, amount: 999, proof: { source: 'push', amount: 999, currency: 'CNY' } });
    await until(async () => {
      const s = (await purchase(o.orderId))?.sinks;
      return s !== undefined && s.tianmu.status === 'delivered' && s.hive.status === 'delivered' && s.kakao.status === 'delivered';
    }, 20_000);
  }, 30_000);

  it('refuses an order it did not make', async () => {
    const r = await call(demo.relay.url, 'POST', '/demo/api/paid', { body: { orderId: 'no-such-order' } });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('UNKNOWN_ORDER');
  });
});
