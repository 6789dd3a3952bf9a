import { createHmac } from 'node:crypto';
import { signJwt, verifyJwt } from '../../../src/relay/session/jwt';
import { issueSessionToken, verifySessionToken, type SessionPolicy } from '../../../src/relay/session/session-token';

const SECRET = 'jwt-test-secret-abcdefghijklmnop';
const NOW = 1_763_800_000_000;
const policy = (secret = SECRET): SessionPolicy => ({ secret, audience: 'sandbox', ttlSeconds: 3600 });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const hs256 = (input: string, secret = SECRET) => createHmac('sha256', secret).update(input).digest('base64url');

describe('HS256 session tokens', () => {
  it('round-trips appId, openid and the expiry', () => {
    const { token, expiresAt } = issueSessionToken({ appId: 'wxA', openid: 'o-1' }, policy(), NOW);
    expect(expiresAt).toBe(Math.floor(NOW / 1000) * 1000 + 3_600_000);
    expect(verifySessionToken(token, policy(), NOW)).toEqual({ ok: true, claims: { appId: 'wxA', openid: 'o-1', expiresAt } });
  });

  it('is a standard JWT another library could check (header HS256, HMAC over header.payload)', () => {
    const token = signJwt({ sub: 'x', exp: 1 }, SECRET);
    const [h, p, s] = token.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(s).toBe(hs256(`${h}.${p}`));
  });

  it('refuses a token signed with another secret', () => {
    const { token } = issueSessionToken({ appId: 'wxA', openid: 'o-1' }, policy('another-secret-xxxxxxxxxxxxx'), NOW);
    expect(verifySessionToken(token, policy(), NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a tampered payload (openid swapped, signature kept)', () => {
    const { token } = issueSessionToken({ appId: 'wxA', openid: 'o-1' }, policy(), NOW);
    const [h, , s] = token.split('.');
    const forged = `${h}.${b64({ app: 'wxA', sub: 'o-2', exp: NOW / 1000 + 3600 })}.${s}`;
    expect(verifySessionToken(forged, policy(), NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a flipped signature bit', () => {
    const { token } = issueSessionToken({ appId: 'wxA', openid: 'o-1' }, policy(), NOW);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyJwt(token.slice(0, -1) + last, SECRET, NOW).ok).toBe(false);
  });

  it('refuses an expired token, and accepts it one second before expiry', () => {
    const { token, expiresAt } = issueSessionToken({ appId: 'wxA', openid: 'o-1' }, { ...policy(), ttlSeconds: 60 }, NOW);
    expect(verifySessionToken(token, policy(), expiresAt - 1000).ok).toBe(true);
    expect(verifySessionToken(token, policy(), expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses alg "none" and other algorithms even with a valid-looking body', () => {
    const payload = b64({ app: 'wxA', sub: 'o-1', exp: NOW / 1000 + 3600 });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    expect(verifyJwt(none, SECRET, NOW)).toEqual({ ok: false, reason: 'bad-algorithm' });
    const noneSigned = `${b64({ alg: 'none' })}.${payload}.${hs256(`${b64({ alg: 'none' })}.${payload}`)}`;
    expect(verifyJwt(noneSigned, SECRET, NOW)).toEqual({ ok: false, reason: 'bad-algorithm' });
    const hs512 = `${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}`;
    expect(verifyJwt(`${hs512}.${hs256(hs512)}`, SECRET, NOW)).toEqual({ ok: false, reason: 'bad-algorithm' });
  });

  it('refuses malformed tokens without throwing', () => {
    for (const t of ['', 'a', 'a.b', 'a.b.c.d', '..', 'x.y.z', '%%%.%%%.%%%', `${b64({ alg: 'HS256' })}.bm90IGpzb24.sig`]) {
      expect(verifyJwt(t, SECRET, NOW).ok).toBe(false);
    }
  });

  it('refuses a correctly signed token without exp, appId or openid', () => {
    const noExp = signJwt({ app: 'wxA', sub: 'o-1' }, SECRET);
    expect(verifySessionToken(noExp, policy(), NOW)).toEqual({ ok: false, reason: 'bad-claims' });
    const noSub = signJwt({ iss: 'minigame-purchase-relay', aud: 'sandbox', app: 'wxA', iat: NOW / 1000, exp: NOW / 1000 + 60 }, SECRET);
    expect(verifySessionToken(noSub, policy(), NOW)).toEqual({ ok: false, reason: 'bad-claims' });
  });
});
