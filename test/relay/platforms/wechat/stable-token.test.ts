import { classifyStableToken, fetchStableToken } from '../../../../src/relay/platforms/wechat/stable-token';
import { FakeWechat } from '../../../fakes/upstreams/fake-wechat';

const APP = 'wxgame0001';
const SECRET = 'app-secret-0123456789abcdef';

describe('fetchStableToken against the fake WeChat', () => {
  const wechat = new FakeWechat({ apps: { [APP]: SECRET } });
  let apiBase: string;
  beforeAll(async () => {
    apiBase = (await wechat.start()).url;
  });
  afterAll(() => wechat.close());

  it('answers the token and its expiry; the same token until force_refresh', async () => {
    const now = 1_760_000_000_000;
    const a = await fetchStableToken({ apiBase, appId: APP, appSecret: SECRET, now: () => now });
    expect(a).toEqual({ ok: true, accessToken: expect.stringMatching(/^fake-at-/), expiresAt: now + 7_200_000 });
    const b = await fetchStableToken({ apiBase, appId: APP, appSecret: SECRET });
    const forced = await fetchStableToken({ apiBase, appId: APP, appSecret: SECRET, forceRefresh: true });
    expect(a.ok && b.ok && forced.ok).toBe(true);
    if (a.ok && b.ok && forced.ok) {
      expect(b.accessToken).toBe(a.accessToken);
      expect(forced.accessToken).not.toBe(a.accessToken);
    }
    expect(wechat.tokenCalls).toBe(3);
    const sent = wechat.accepted.slice(-1)[0];
    expect(sent.method).toBe('POST');
    expect(JSON.parse(sent.body)).toEqual({ grant_type: 'client_credential', appid: APP, secret: SECRET, force_refresh: true });
  });

  it('a wrong secret or appid is config, and the detail never has the secret', async () => {
    const wrong = await fetchStableToken({ apiBase, appId: APP, appSecret: 'not-the-secret-zzz' });
    expect(wrong).toEqual({ ok: false, kind: 'config', detail: 'stable_token errcode 40125' });
    expect(await fetchStableToken({ apiBase, appId: 'wxnope', appSecret: SECRET })).toEqual({ ok: false, kind: 'config', detail: 'stable_token errcode 40013' });
    expect(JSON.stringify(wrong)).not.toContain('not-the-secret-zzz');
  });

  it('network failures and timeouts are unavailable', async () => {
    wechat.failNext(1, 'hang').failNext(1, 'close');
    expect(await fetchStableToken({ apiBase, appId: APP, appSecret: SECRET, timeoutMs: 200 })).toEqual({ ok: false, kind: 'unavailable', detail: 'stable_token timeout' });
    expect(await fetchStableToken({ apiBase, appId: APP, appSecret: SECRET })).toEqual({ ok: false, kind: 'unavailable', detail: 'stable_token network error' });
  });
});

describe('classifyStableToken', () => {
  it('errcodes, HTTP errors and garbage', () => {
    expect(classifyStableToken(200, '{"errcode":45009,"errmsg":"quota"}', 0)).toEqual({ ok: false, kind: 'rate-limited', detail: 'stable_token errcode 45009' });
    expect(classifyStableToken(200, '{"errcode":40164,"errmsg":"ip"}', 0)).toMatchObject({ ok: false, kind: 'config' });
    expect(classifyStableToken(200, '{"errcode":-1}', 0)).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(classifyStableToken(503, '', 0)).toEqual({ ok: false, kind: 'unavailable', detail: 'stable_token HTTP 503' });
    for (const text of ['<html>', '{}', '{"access_token":"","expires_in":7200}', '{"access_token":"t","expires_in":0}', 'null']) {
      expect(classifyStableToken(200, text, 0)).toMatchObject({ ok: false, kind: 'unavailable' });
    }
    expect(classifyStableToken(200, '{"access_token":"t","expires_in":60}', 1000)).toEqual({ ok: true, accessToken: 't', expiresAt: 61_000 });
  });
});
