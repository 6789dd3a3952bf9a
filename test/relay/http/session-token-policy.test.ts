import { signJwt } from '../../../src/relay/session/jwt';
import { APP_ID, SESSION_SECRET, call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

/**
 * Security review "Hardening the relay", tokens: a token signed with the secret is not enough. It must name this
 * relay as issuer, the relay's session mode as audience, live no longer than `session.ttlSeconds`, and not be
 * issued in the future.
 */
const ISSUER = 'minigame-purchase-relay';
const nowS = () => Math.floor(Date.now() / 1000);
const YEAR = 365 * 24 * 3600;

async function purchaseStatus(t: TestRelay, token: string, openid: string): Promise<[number, string | undefined]> {
  const a = await call(t.url, 'POST', '/v1/purchases', { token, body: { reports: [report(openid)] } });
  return [a.status, a.body?.error?.code];
}

describe('session tokens: issuer, audience, lifetime', () => {
  let sandbox: TestRelay;
  let wechat: TestRelay;
  beforeAll(async () => {
    sandbox = await startTestRelay({ session: { mode: 'sandbox', secret: SESSION_SECRET, ttlSeconds: 3600 } });
    // A production relay that (wrongly, but it happens) shares the sandbox relay's secret.
    wechat = await startTestRelay({
      session: { mode: 'wechat', secret: SESSION_SECRET },
      games: [{ appId: APP_ID, wechat: { appSecret: 'wechat-app-secret-abcdef123456', apiBase: 'http://127.0.0.1:9' } }],
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await wechat?.close();
  });

  it('issues tokens that name the relay and the session mode, and accepts them', async () => {
    const s = await login(sandbox.url, 'policy-ok');
    const payload = JSON.parse(Buffer.from(s.token.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ iss: ISSUER, aud: 'sandbox', app: APP_ID, sub: s.openid });
    expect(payload.exp - payload.iat).toBe(3600);
    expect(await purchaseStatus(sandbox, s.token, s.openid)).toEqual([200, undefined]);
  });

  it('refuses a sandbox token on a wechat-mode relay with the same secret', async () => {
    const s = await login(sandbox.url, 'policy-cross');
    expect(await purchaseStatus(wechat, s.token, s.openid)).toEqual([401, 'INVALID_TOKEN']);
  });

  it('refuses a 100-year token signed with the secret, with or without iss and aud', async () => {
    const s = await login(sandbox.url, 'policy-long');
    const bare = signJwt({ app: APP_ID, sub: s.openid, iat: nowS(), exp: nowS() + 100 * YEAR }, SESSION_SECRET);
    const full = signJwt({ iss: ISSUER, aud: 'sandbox', app: APP_ID, sub: s.openid, iat: nowS(), exp: nowS() + 100 * YEAR }, SESSION_SECRET);
    expect(await purchaseStatus(sandbox, bare, s.openid)).toEqual([401, 'INVALID_TOKEN']);
    expect(await purchaseStatus(sandbox, full, s.openid)).toEqual([401, 'INVALID_TOKEN']);
  });

  it('refuses a lifetime one second over session.ttlSeconds, a missing iat, and an iat in the future', async () => {
    const s = await login(sandbox.url, 'policy-iat');
    const claims = { iss: ISSUER, aud: 'sandbox', app: APP_ID, sub: s.openid };
    const tooLong = signJwt({ ...claims, iat: nowS(), exp: nowS() + 3601 }, SESSION_SECRET);
    const noIat = signJwt({ ...claims, exp: nowS() + 600 }, SESSION_SECRET);
    const future = signJwt({ ...claims, iat: nowS() + 3000, exp: nowS() + 3600 }, SESSION_SECRET);
    const justRight = signJwt({ ...claims, iat: nowS() - 10, exp: nowS() + 3590 }, SESSION_SECRET);
    expect(await purchaseStatus(sandbox, tooLong, s.openid)).toEqual([401, 'INVALID_TOKEN']);
    expect(await purchaseStatus(sandbox, noIat, s.openid)).toEqual([401, 'INVALID_TOKEN']);
    expect(await purchaseStatus(sandbox, future, s.openid)).toEqual([401, 'INVALID_TOKEN']);
    expect(await purchaseStatus(sandbox, justRight, s.openid)).toEqual([200, undefined]);
  });

  it('refuses a wrong issuer or audience', async () => {
    const s = await login(sandbox.url, 'policy-iss');
    const base = { app: APP_ID, sub: s.openid, iat: nowS(), exp: nowS() + 600 };
    for (const claims of [
      { ...base, iss: 'someone-else', aud: 'sandbox' },
      { ...base, iss: ISSUER, aud: 'wechat' },
      { ...base, iss: ISSUER, aud: ['sandbox', 'wechat'] },
      { ...base, aud: 'sandbox' },
      { ...base, iss: ISSUER },
    ]) {
      expect([claims, await purchaseStatus(sandbox, signJwt(claims, SESSION_SECRET), s.openid)]).toEqual([claims, [401, 'INVALID_TOKEN']]);
    }
  });
});
