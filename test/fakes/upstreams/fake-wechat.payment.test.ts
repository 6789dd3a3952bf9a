import { createHmac } from 'node:crypto';
import { FakeWechat, QUERY_ORDER_PATH, STABLE_TOKEN_PATH } from './fake-wechat';

const APP = 'wxapp';
const SECRET = 'wechat-app-secret-0123456789';
const KEYS = { live: 'live-key', sandbox: 'sandbox-key' };
const hmac = (k: string, m: string) => createHmac('sha256', k).update(m).digest('hex');

describe('FakeWechat payment routes', () => {
  const fake = new FakeWechat({ apps: { [APP]: SECRET }, payKeys: { [APP]: KEYS } });
  let origin: string;
  beforeAll(async () => {
    origin = (await fake.start()).origin;
  });
  afterAll(() => fake.close());

  const login = async (code: string) =>
    (await (await fetch(`${origin}/sns/jscode2session?appid=${APP}&secret=${SECRET}&js_code=${code}&grant_type=authorization_code`)).json()) as {
      openid: string;
      session_key: string;
    };
  const token = async () =>
    ((await (await fetch(origin + STABLE_TOKEN_PATH, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APP, secret: SECRET }) })).json()) as {
      access_token: string;
    }).access_token;

  async function query(body: string, opts: { at: string; sessionKey: string; appKey?: string; sigMethod?: string }) {
    const q = new URLSearchParams({
      access_token: opts.at,
      signature: hmac(opts.sessionKey, body),
      sig_method: opts.sigMethod ?? 'hmac_sha256',
      pay_sig: hmac(opts.appKey ?? KEYS.live, `${QUERY_ORDER_PATH}&${body}`),
    });
    return (await (await fetch(`${origin}${QUERY_ORDER_PATH}?${q}`, { method: 'POST', body })).json()) as Record<string, unknown>;
  }

  it('each login hands out a new 24-char base64 session_key of 16 bytes, which sessionKeyOf follows', async () => {
    fake.setOpenid('c1', 'oSame').setOpenid('c2', 'oSame');
    const a = await login('c1');
    expect(a.session_key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(a.session_key, 'base64')).toHaveLength(16);
    expect(fake.sessionKeyOf(APP, 'oSame')).toBe(a.session_key);
    const b = await login('c2');
    expect(b.session_key).not.toBe(a.session_key);
    expect(fake.sessionKeyOf(APP, 'oSame')).toBe(b.session_key);
    expect(fake.sessionKeyOf(APP, 'oNobody')).toBeUndefined();
  });

  it('stable_token checks grant_type, appid, secret; counts calls', async () => {
    const before = fake.tokenCalls;
    const post = async (body: object) => (await (await fetch(origin + STABLE_TOKEN_PATH, { method: 'POST', body: JSON.stringify(body) })).json()) as object;
    expect(await post({ grant_type: 'password', appid: APP, secret: SECRET })).toMatchObject({ errcode: 40002 });
    expect(await post({ grant_type: 'client_credential', appid: 'x', secret: SECRET })).toMatchObject({ errcode: 40013 });
    expect(await post({ grant_type: 'client_credential', appid: APP, secret: 'no' })).toMatchObject({ errcode: 40125 });
    expect(await post({ grant_type: 'client_credential', appid: APP, secret: SECRET })).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(fake.tokenCalls - before).toBe(4);
  });

  it('queryorderinfo: 90018 for a bad body or sig_method, the sandbox key for env 1, 90010 for a user who never logged in', async () => {
    const at = await token();
    const u = await login('c3');
    fake.setPaidOrder(APP, 'sb_1', { openid: u.openid, productId: 'p', payFinishTime: 1 });
    const body = (over: object) => JSON.stringify({ openid: u.openid, offer_id: 'o', ts: 1, zone_id: '1', env: 0, out_trade_no: 'sb_1', biz_id: 2, ...over });
    expect(await query('not json', { at, sessionKey: u.session_key })).toMatchObject({ errcode: 90018 });
    expect(await query(JSON.stringify({ openid: u.openid }), { at, sessionKey: u.session_key })).toMatchObject({ errcode: 90018 });
    expect(await query(body({ biz_id: 3 }), { at, sessionKey: u.session_key })).toMatchObject({ errcode: 90018 });
    expect(await query(body({}), { at, sessionKey: u.session_key, sigMethod: 'md5' })).toMatchObject({ errcode: 90018 });
    expect(await query(body({ env: 1 }), { at, sessionKey: u.session_key, appKey: KEYS.sandbox })).toMatchObject({ errcode: 0, pay_state: 2 });
    expect(await query(body({ openid: 'oNeverLoggedIn' }), { at, sessionKey: u.session_key })).toMatchObject({ errcode: 90010 });
    expect(await query(body({}), { at, sessionKey: u.session_key })).toEqual({
      errcode: 0, errmsg: 'ok', pay_state: 2, deliver_state: 1, product_id: 'p', pay_finish_time: 1, out_trade_no: 'sb_1',
      mch_order_no: expect.any(String), transaction_id: expect.stringMatching(/^42\d{28}$/),
    });
  });

  it('records a well-signed query as accepted and a bad one as rejected', async () => {
    const at = await token();
    const u = await login('c4');
    const body = JSON.stringify({ openid: u.openid, offer_id: 'o', ts: 1, zone_id: '1', env: 0, out_trade_no: 'none_4', biz_id: 1 });
    const acceptedBefore = fake.accepted.length;
    const rejectedBefore = fake.rejected.length;
    expect(await query(body, { at, sessionKey: u.session_key })).toMatchObject({ errcode: 90019 });
    expect(fake.accepted.length - acceptedBefore).toBe(1);
    expect(fake.countOf('none_4')).toBe(1);
    expect(await query(body, { at, sessionKey: u.session_key, appKey: 'wrong' })).toMatchObject({ errcode: 90011 });
    expect(fake.rejected.length - rejectedBefore).toBe(1);
  });
});
