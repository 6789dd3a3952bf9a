import { apiPaySig } from '../../../../src/relay/platforms/wechat/midas-sign';
import {
  buildQueryOrderRequest,
  classifyQueryOrder,
  QUERY_ORDER_URI,
  queryOrderInfo,
  type QueryOrderRequest,
} from '../../../../src/relay/platforms/wechat/query-order';
import { fetchStableToken } from '../../../../src/relay/platforms/wechat/stable-token';
import { FakeWechat } from '../../../fakes/upstreams/fake-wechat';

const APP = 'wxgame0001';
const SECRET = 'app-secret-0123456789abcdef';
const KEYS = { live: 'live-appkey-AAAAAAAAAAAA', sandbox: 'sandbox-appkey-BBBBBBBBBB' };

describe('queryOrderInfo against the fake WeChat over HTTP', () => {
  const wechat = new FakeWechat({ apps: { [APP]: SECRET }, payKeys: { [APP]: KEYS } });
  let apiBase: string;
  let accessToken: string;
  let openid: string;

  async function login(code: string): Promise<{ openid: string; sessionKey: string }> {
    const res = await fetch(`${apiBase}/sns/jscode2session?appid=${APP}&secret=${SECRET}&js_code=${code}&grant_type=authorization_code`);
    const body = (await res.json()) as { openid: string; session_key: string };
    return { openid: body.openid, sessionKey: body.session_key };
  }

  function request(over: Partial<QueryOrderRequest> = {}): QueryOrderRequest {
    return {
      apiBase,
      accessToken,
      appKey: KEYS.live,
      sessionKey: wechat.sessionKeyOf(APP, openid) ?? '',
      openid,
      offerId: '1450000001',
      zoneId: '1',
      env: 0,
      outTradeNo: 'mp_paid_1',
      bizId: 2,
      ts: 1_760_000_000,
      timeoutMs: 3000,
      ...over,
    };
  }

  beforeAll(async () => {
    apiBase = (await wechat.start()).url;
    const token = await fetchStableToken({ apiBase, appId: APP, appSecret: SECRET });
    if (!token.ok) throw new Error(token.detail);
    accessToken = token.accessToken;
    openid = (await login('code-1')).openid;
    wechat.setPaidOrder(APP, 'mp_paid_1', { openid, productId: 'gem_60', payFinishTime: 1_760_000_123, transactionId: '4200000001', mchOrderNo: 'mch1' });
    wechat.setPaidOrder(APP, 'mp_unpaid', { openid, productId: 'gem_60', payFinishTime: 0, payState: 1 });
  });
  afterAll(() => wechat.close());

  it('paid: product, pay_finish_time in ms, ids', async () => {
    expect(await queryOrderInfo(request())).toEqual({
      kind: 'paid',
      productId: 'gem_60',
      payFinishTime: 1_760_000_123_000,
      deliverState: 1,
      transactionId: '4200000001',
      mchOrderNo: 'mch1',
    });
  });

  it('unpaid', async () => {
    expect(await queryOrderInfo(request({ outTradeNo: 'mp_unpaid' }))).toEqual({ kind: 'unpaid' });
  });

  it('90019 for an unknown out_trade_no, and for another user\'s order', async () => {
    expect(await queryOrderInfo(request({ outTradeNo: 'mp_nobody' }))).toEqual({ kind: 'not-found' });
    const other = await login('code-2');
    expect(await queryOrderInfo(request({ openid: other.openid, sessionKey: other.sessionKey }))).toEqual({ kind: 'not-found' });
  });

  it('signs with the CURRENT session_key: an old one after a new login is 90010', async () => {
    const u = await login('code-3');
    wechat.setPaidOrder(APP, 'mp_u3', { openid: u.openid, productId: 'p', payFinishTime: 1_760_000_000 });
    expect(await queryOrderInfo(request({ openid: u.openid, sessionKey: u.sessionKey, outTradeNo: 'mp_u3' }))).toMatchObject({ kind: 'paid' });
    wechat.setOpenid('code-3c', u.openid);
    const relogin = await login('code-3c');
    expect(relogin.sessionKey).not.toBe(u.sessionKey);
    expect(wechat.sessionKeyOf(APP, u.openid)).toBe(relogin.sessionKey);
    expect(await queryOrderInfo(request({ openid: u.openid, sessionKey: u.sessionKey, outTradeNo: 'mp_u3' }))).toEqual({
      kind: 'error',
      detail: 'queryorderinfo errcode 90010',
      retryable: false,
    });
    expect(await queryOrderInfo(request({ openid: u.openid, sessionKey: relogin.sessionKey, outTradeNo: 'mp_u3' }))).toMatchObject({ kind: 'paid' });
  });

  it('90016 when the session key expired, until the user logs in again', async () => {
    wechat.setOpenid('code-4', 'oExpiring');
    const u = await login('code-4');
    wechat.setPaidOrder(APP, 'mp_u4', { openid: u.openid, productId: 'p', payFinishTime: 1_760_000_000 });
    wechat.expireSessionKey(APP, u.openid);
    expect(await queryOrderInfo(request({ openid: u.openid, sessionKey: u.sessionKey, outTradeNo: 'mp_u4' }))).toEqual({ kind: 'session-key-expired' });
    wechat.setOpenid('code-4b', 'oExpiring');
    const back = await login('code-4b');
    expect(await queryOrderInfo(request({ openid: u.openid, sessionKey: back.sessionKey, outTradeNo: 'mp_u4' }))).toMatchObject({ kind: 'paid' });
  });

  it('90011 when the body is re-serialised after signing: the signed bytes must be the sent bytes', async () => {
    const { url, body } = buildQueryOrderRequest(request());
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(body));
    const res = await fetch(url, { method: 'POST', body: reserialised });
    expect(classifyQueryOrder(res.status, await res.text())).toEqual({ kind: 'error', detail: 'queryorderinfo errcode 90011', retryable: false });
    // The same bytes as signed pass.
    const ok = await fetch(url, { method: 'POST', body });
    expect(classifyQueryOrder(ok.status, await ok.text())).toMatchObject({ kind: 'paid' });
  });

  it('pay_sig is over uri + "&" + the exact body, with the env\'s AppKey', async () => {
    const req = request();
    const { url, body } = buildQueryOrderRequest(req);
    expect(url.pathname).toBe(QUERY_ORDER_URI);
    expect(url.searchParams.get('sig_method')).toBe('hmac_sha256');
    expect(url.searchParams.get('pay_sig')).toBe(apiPaySig(KEYS.live, QUERY_ORDER_URI, body));
    expect(body).toBe(`{"openid":"${openid}","offer_id":"1450000001","ts":1760000000,"zone_id":"1","env":0,"out_trade_no":"mp_paid_1","biz_id":2}`);
    // The sandbox key on a live query, or a live key on a sandbox query: 90011.
    expect(await queryOrderInfo(request({ appKey: KEYS.sandbox }))).toMatchObject({ kind: 'error', detail: 'queryorderinfo errcode 90011' });
    expect(await queryOrderInfo(request({ env: 1 }))).toMatchObject({ kind: 'error', detail: 'queryorderinfo errcode 90011' });
  });

  it('token-invalid for a token the fake never issued and for an expired one; errors never carry secrets', async () => {
    const forged = await queryOrderInfo(request({ accessToken: 'forged-token-xyz' }));
    expect(forged).toEqual({ kind: 'token-invalid' });
    const r = request({ appKey: 'wrong-app-key-SECRET' });
    const bad = await queryOrderInfo(r);
    for (const secret of [r.accessToken, r.appKey, r.sessionKey]) expect(JSON.stringify(bad)).not.toContain(secret);
    const separate = new FakeWechat({ apps: { [APP]: SECRET }, payKeys: { [APP]: KEYS } });
    const base = (await separate.start()).url;
    try {
      const t = await fetchStableToken({ apiBase: base, appId: APP, appSecret: SECRET });
      if (!t.ok) throw new Error(t.detail);
      separate.expireAccessTokens();
      expect(await queryOrderInfo(request({ apiBase: base, accessToken: t.accessToken }))).toEqual({ kind: 'token-invalid' });
    } finally {
      await separate.close();
    }
  });

  it('network failures and timeouts are retryable errors without the URL', async () => {
    const hang = new FakeWechat({ apps: {} });
    const base = (await hang.start()).url;
    hang.failNext(1, 'hang').failNext(1, 'close').failNext(1, '500');
    try {
      const r = request({ apiBase: base, timeoutMs: 200 });
      expect(await queryOrderInfo(r)).toEqual({ kind: 'error', detail: 'queryorderinfo timeout', retryable: true });
      expect(await queryOrderInfo(r)).toEqual({ kind: 'error', detail: 'queryorderinfo network error', retryable: true });
      expect(await queryOrderInfo(r)).toEqual({ kind: 'error', detail: 'queryorderinfo HTTP 500', retryable: true });
    } finally {
      await hang.close();
    }
  });

  it('counts queries', () => {
    expect(wechat.queryCalls).toBeGreaterThanOrEqual(10);
  });
});
