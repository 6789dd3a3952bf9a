import { FakeWechat } from '../../fakes/upstreams/fake-wechat';
import { verifySessionToken } from '../../../src/relay/session/session-token';
import { APP_ID, SESSION_SECRET, call, startTestRelay, type TestRelay } from './relay-test-kit';

const APP_SECRET = 'wechat-app-secret-abcdef123456';

describe('POST /v1/session (sandbox)', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay();
  });
  afterAll(() => t.close());

  it('accepts any code and answers a token bound to appId + the derived openid', async () => {
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'anything' } });
    expect(a.status).toBe(200);
    expect(a.body.openid).toMatch(/^sandbox-/);
    const v = verifySessionToken(a.body.token, { secret: SESSION_SECRET, audience: 'sandbox', ttlSeconds: t.config.session.ttlSeconds }, Date.now());
    expect(v).toEqual({ ok: true, claims: { appId: APP_ID, openid: a.body.openid, expiresAt: a.body.expiresAt } });
    // The default TTL is a week.
    expect(a.body.expiresAt - Date.now()).toBeGreaterThan(7 * 24 * 3600 * 1000 - 5000);
  });

  it('refuses an unknown appId with 400 naming appId', async () => {
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: 'wxunknown', code: 'c' } });
    expect(a.status).toBe(400);
    expect(a.body.error).toMatchObject({ code: 'UNKNOWN_APP', field: 'appId' });
  });

  it('names the missing field of a malformed body', async () => {
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID } });
    expect(a.status).toBe(400);
    expect(a.body.error.field).toBe('code');
  });
});

describe('POST /v1/session (wechat, against a fake WeChat on 127.0.0.1)', () => {
  let t: TestRelay;
  let wechat: FakeWechat;
  let hanging: FakeWechat;
  const OTHER_APP = 'wx9999999999999999';
  beforeAll(async () => {
    wechat = new FakeWechat({ apps: { [APP_ID]: APP_SECRET, [OTHER_APP]: 'other-secret-zzzzzzzz' } });
    hanging = new FakeWechat({ apps: {} });
    const w = await wechat.start();
    const h = await hanging.start();
    t = await startTestRelay(
      {
        session: { mode: 'wechat', secret: SESSION_SECRET },
        games: [
          { appId: APP_ID, wechat: { appSecret: APP_SECRET, apiBase: w.url } },
          // Configured with a wrong secret: WeChat refuses the relay's credentials.
          { appId: OTHER_APP, wechat: { appSecret: 'wrong-secret-yyyyyyy', apiBase: w.url } },
          { appId: 'wxhang000000000000', wechat: { appSecret: 'hang-secret-xxxxxxx', apiBase: h.url } },
        ],
      },
      { wechatTimeoutMs: 300, secrets: [APP_SECRET] },
    );
  });
  afterAll(async () => {
    await t.close();
    await wechat.close();
    await hanging.close();
  });

  it('trades the code for the openid WeChat answers, and never returns the session_key', async () => {
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'good-code-1' } });
    expect(a.status).toBe(200);
    expect(a.body.openid).toBe(FakeWechat.openidFor(APP_ID, 'good-code-1'));
    expect(Object.keys(a.body).sort()).toEqual(['expiresAt', 'openid', 'token']);
    expect(a.text).not.toMatch(/session_key/);
    // The fake checked appid, secret and grant_type.
    expect(wechat.accepted).toHaveLength(1);
  });

  it('answers 401 naming code for an invalid or reused code', async () => {
    const bad = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'bad-code' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toMatchObject({ code: 'WECHAT_CODE_REJECTED', field: 'code' });
    await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'once' } });
    const reused = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'once' } });
    expect(reused.status).toBe(401);
  });

  it('answers 502 when WeChat refuses the relay\'s own credentials', async () => {
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: OTHER_APP, code: 'c' } });
    expect(a.status).toBe(502);
    expect(a.body.error.code).toBe('WECHAT_CONFIG_REFUSED');
  });

  it.each(['500', 'close', 'garbage'] as const)('answers 502 (never a crash) when WeChat fails with %s', async (mode) => {
    wechat.failNext(1, mode);
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: `c-${mode}` } });
    expect(a.status).toBe(502);
    expect(a.body.error.code).toBe('WECHAT_UNAVAILABLE');
    // Still serving.
    const ok = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: `after-${mode}` } });
    expect(ok.status).toBe(200);
  });

  it('answers 502 when every garbage body WeChat can send arrives', async () => {
    for (let i = 0; i < 3; i++) {
      wechat.failNext(1, 'garbage');
      const a = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: `garbage-${i}` } });
      expect(a.status).toBe(502);
    }
  });

  it('answers 502 after the timeout when WeChat hangs', async () => {
    hanging.failNext(1, 'hang');
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: 'wxhang000000000000', code: 'c' } });
    expect(a.status).toBe(502);
  });

  it('never logs the app secret or a session_key', () => {
    const text = t.logLines.join('');
    expect(text).not.toContain(APP_SECRET);
    expect(text).not.toMatch(/session_key"\s*:\s*"[^[]/);
  });
});
