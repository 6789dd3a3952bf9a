import { signJwt } from '../../../src/relay/session/jwt';
import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { SESSION_ISSUER, issueSessionToken, sessionPolicy, verifySessionToken, type SessionPolicy } from '../../../src/relay/session/session-token';

const SECRET = 'policy-test-secret-0123456789abcdef';
const NOW = 1_763_800_000_000;
const NOW_S = NOW / 1000;
const SANDBOX: SessionPolicy = { secret: SECRET, audience: 'sandbox', ttlSeconds: 3600 };
const WECHAT: SessionPolicy = { ...SANDBOX, audience: 'wechat' };
const claims = { iss: SESSION_ISSUER, aud: 'sandbox', app: 'wxA', sub: 'o-1' };

describe('session token policy (iss, aud, lifetime, iat)', () => {
  it('binds the audience to the session mode: a sandbox token fails on a wechat relay with the same secret', () => {
    const { token } = issueSessionToken({ appId: 'wxA', openid: 'o-1' }, SANDBOX, NOW);
    expect(verifySessionToken(token, SANDBOX, NOW).ok).toBe(true);
    expect(verifySessionToken(token, WECHAT, NOW)).toEqual({ ok: false, reason: 'wrong-audience' });
  });

  it('names each refusal', () => {
    const verify = (payload: object) => verifySessionToken(signJwt(payload, SECRET), SANDBOX, NOW);
    expect(verify({ ...claims, iat: NOW_S, exp: NOW_S + 100 * 365 * 86400 })).toEqual({ ok: false, reason: 'too-long-lived' });
    expect(verify({ ...claims, iat: NOW_S, exp: NOW_S + 3601 })).toEqual({ ok: false, reason: 'too-long-lived' });
    expect(verify({ ...claims, iat: NOW_S + 61, exp: NOW_S + 120 })).toEqual({ ok: false, reason: 'issued-in-future' });
    expect(verify({ ...claims, iat: NOW_S + 60, exp: NOW_S + 120 }).ok).toBe(true);
    expect(verify({ ...claims, exp: NOW_S + 60 })).toEqual({ ok: false, reason: 'bad-claims' });
    expect(verify({ ...claims, iss: 'other', iat: NOW_S, exp: NOW_S + 60 })).toEqual({ ok: false, reason: 'wrong-issuer' });
    expect(verify({ ...claims, aud: ['sandbox'], iat: NOW_S, exp: NOW_S + 60 })).toEqual({ ok: false, reason: 'wrong-audience' });
  });

  it('caps session.ttlSeconds at 30 days in the schema', () => {
    const base = { games: [{ appId: 'wxA' }] };
    expect(RelayConfigSchema.safeParse({ ...base, session: { mode: 'sandbox', secret: SECRET, ttlSeconds: 30 * 86400 } }).success).toBe(true);
    expect(RelayConfigSchema.safeParse({ ...base, session: { mode: 'sandbox', secret: SECRET, ttlSeconds: 30 * 86400 + 1 } }).success).toBe(false);
    const parsed = RelayConfigSchema.parse({ ...base, session: { mode: 'wechat', secret: SECRET } });
    expect(sessionPolicy(parsed.session)).toEqual({ secret: SECRET, audience: 'wechat', ttlSeconds: 7 * 86400 });
  });
});
