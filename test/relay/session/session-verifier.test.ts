import { createSessionVerifier } from '../../../src/relay/session/session-verifier';
import { issueSessionToken, type SessionPolicy } from '../../../src/relay/session/session-token';

const SECRET = 'verifier-test-secret-0123456789';
const NOW = 1_763_800_000_000;
const POLICY: SessionPolicy = { secret: SECRET, audience: 'sandbox', ttlSeconds: 60 };

describe('session verifier (remembers verified tokens)', () => {
  it('answers a remembered token the same as a fresh verification, and still expires it', () => {
    const verify = createSessionVerifier(POLICY);
    const { token, expiresAt } = issueSessionToken({ appId: 'wxA', openid: 'o1' }, POLICY, NOW);
    const first = verify(token, NOW);
    expect(first).toEqual({ ok: true, claims: { appId: 'wxA', openid: 'o1', expiresAt } });
    expect(verify(token, NOW + 1000)).toEqual(first);
    expect(verify(token, expiresAt)).toEqual({ ok: false, reason: 'expired' });
    // Forgotten once expired: still expired, not revived.
    expect(verify(token, expiresAt + 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it('never lets a tampered copy of a remembered token through', () => {
    const verify = createSessionVerifier(POLICY);
    const { token } = issueSessionToken({ appId: 'wxA', openid: 'o1' }, POLICY, NOW);
    expect(verify(token, NOW).ok).toBe(true);
    const [h, , sig] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ app: 'wxA', sub: 'o2', exp: NOW / 1000 + 60 })).toString('base64url');
    expect(verify(`${h}.${forgedPayload}.${sig}`, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify(`${token}x`, NOW).ok).toBe(false);
  });

  it('stays bounded and keeps verifying correctly past its size', () => {
    const verify = createSessionVerifier(POLICY, { maxEntries: 3 });
    const tokens = Array.from({ length: 10 }, (_, i) => issueSessionToken({ appId: 'wxA', openid: `o${i}` }, POLICY, NOW).token);
    for (let round = 0; round < 2; round++) {
      tokens.forEach((t, i) => {
        const v = verify(t, NOW);
        expect(v.ok && v.claims.openid).toBe(`o${i}`);
      });
    }
  });
});
