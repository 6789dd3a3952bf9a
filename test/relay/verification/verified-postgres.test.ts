import { usePgCluster } from '../../helpers/pg-cluster';
import { call } from '../http/relay-test-kit';
import {
  APP_ID, manualClock, pushSender, received, startUpstreams, startVerifiedRelay, until, verifiedConfig, wechatLogin,
  type RunningRelay, type Upstreams,
} from './verified-kit';

const pg = usePgCluster();

/**
 * Two relays on one PostgreSQL database: an order made on one, its push on the other, the client's report on
 * either; pushes repeated on both at once; the query fallback shared (one access token for the fleet).
 */
describe('verified revenue on PostgreSQL with two relays', () => {
  let u: Upstreams;
  const relays: RunningRelay[] = [];
  let dbUrl = '';
  const clock = manualClock();
  const push = pushSender(false, () => Math.floor(clock.now() / 1000));
  let player: { token: string; openid: string };

  beforeAll(async () => {
    u = await startUpstreams();
    dbUrl = await pg().createDatabase();
    const config = verifiedConfig(u, { postgres: dbUrl });
    for (let i = 0; i < 2; i++) relays.push(await startVerifiedRelay(config, clock.now));
    player = await wechatLogin(relays[0].url, 'pg-player-1');
  }, 120_000);

  afterAll(async () => {
    for (const r of relays) await r.stop();
    await u.close();
    if (dbUrl) await pg().dropDatabase(dbUrl);
  }, 60_000);

  const order = (on: RunningRelay) => call(on.url, 'POST', '/v1/orders', { token: player.token, body: { productId: '500.picsh.cre', context: { zone: 'z9' } } });
  const claim = (on: RunningRelay, orderId: string) =>
    call(on.url, 'POST', '/v1/purchases', {
      token: player.token,
      body: { reports: [{ orderId, appId: APP_ID, uid: player.openid, productId: '500.picsh.cre', amount: 999, currency: 'CNY', payType: 2, paidAt: clock.now() - 1000, device: { type: 3 }, sdkVersion: '0.2.0' }] },
    });

  it('proves an order made on one relay by a push to the other; the report on either is a claim', async () => {
    const { body: o } = await order(relays[0]);
    expect((await claim(relays[1], o.orderId)).body.results[0].status).toBe('accepted');
    const p = push.goods({ openId: player.openid, outTradeNo: o.orderId, productId: '500.picsh.cre', actualPrice: 999 });
    // WeChat retrying while the first push is still in flight: both relays at once, twice.
    const answers = await Promise.all([0, 1, 0, 1].map((i) => p.send(`${relays[i].url}/v1/notify/wechat/${APP_ID}`)));
    for (const a of answers) expect(a.body).toEqual({ ErrCode: 0, ErrMsg: 'Success' });
    expect((await claim(relays[0], o.orderId)).body.results[0].status).toBe('duplicate');
    await until(() => received(u, o.orderId).tianmu === 1 && received(u, o.orderId).hive === 1 && received(u, o.orderId).kakao === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(received(u, o.orderId)).toEqual({ tianmu: 1, hive: 1, kakao: 1 });
  });

  it('queries each due order from one relay only, with one access token for both', async () => {
    const made = await Promise.all([order(relays[0]), order(relays[1]), order(relays[0])]);
    for (const m of made) u.wechat.setPaidOrder(APP_ID, m.body.orderId, { openid: player.openid, productId: '500.picsh.cre', payFinishTime: Math.floor(clock.now() / 1000) });
    const queriesBefore = u.wechat.queryCalls;
    clock.advance(61_000);
    await until(() => made.every((m) => received(u, m.body.orderId).tianmu === 1));
    expect(u.wechat.queryCalls - queriesBefore).toBe(3);
    expect(u.wechat.tokenCalls).toBe(1);
  });
});
