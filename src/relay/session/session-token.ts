import { signJwt, verifyJwt, type JwtFailure } from './jwt';

/** What a session token proves: this openid logged in to this game, until `exp`. */
export interface SessionClaims {
  appId: string;
  openid: string;
  /** ms since epoch */
  expiresAt: number;
}

/** `iss` of every session token: a token another service signed with a shared secret is not ours. */
export const SESSION_ISSUER = 'minigame-purchase-relay';

/**
 * `aud`: the kind of login that proved the openid (the relay's `session.mode`). A relay accepts only its own, so a
 * sandbox token (any code logs in) never works on a wechat relay that shares the secret. Later platforms (QQ,
 * Douyin) add their names here.
 */
export type SessionAudience = 'wechat' | 'sandbox';

/** The longest session any config may ask for, and any token may claim. */
export const MAX_SESSION_TTL_SECONDS = 30 * 24 * 3600;

/** How far a token's `iat` may lie in the future: the clocks of relays sharing a secret drift a little. */
export const IAT_SKEW_SECONDS = 60;

/** How this relay issues and checks tokens (from `session` of the config: `sessionPolicy`). */
export interface SessionPolicy {
  secret: string;
  audience: SessionAudience;
  /** Lifetime of issued tokens, and the most a presented token may claim (`exp - iat`). */
  ttlSeconds: number;
}

export type SessionFailure = JwtFailure | 'wrong-issuer' | 'wrong-audience' | 'too-long-lived' | 'issued-in-future';

export function sessionPolicy(session: { mode: SessionAudience; secret: string; ttlSeconds: number }): SessionPolicy {
  return { secret: session.secret, audience: session.mode, ttlSeconds: session.ttlSeconds };
}

export function issueSessionToken(
  claims: { appId: string; openid: string },
  policy: SessionPolicy,
  nowMs: number,
): { token: string; expiresAt: number } {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + Math.min(policy.ttlSeconds, MAX_SESSION_TTL_SECONDS);
  const token = signJwt({ iss: SESSION_ISSUER, aud: policy.audience, app: claims.appId, sub: claims.openid, iat, exp }, policy.secret);
  return { token, expiresAt: exp * 1000 };
}

/**
 * Signature and expiry (`jwt.ts`), then what makes the token this relay's: `iss`, `aud` equal to this relay's
 * session mode (a single string), an `iat` at most `IAT_SKEW_SECONDS` ahead, and `exp - iat` within the configured
 * lifetime, so a token minted with a leaked secret cannot outlive a normal session.
 */
export function verifySessionToken(
  token: string,
  policy: SessionPolicy,
  nowMs: number,
): { ok: true; claims: SessionClaims } | { ok: false; reason: SessionFailure } {
  const v = verifyJwt(token, policy.secret, nowMs);
  if (!v.ok) return v;
  const { iss, aud, app, sub, iat, exp } = v.payload;
  if (iss !== SESSION_ISSUER) return { ok: false, reason: 'wrong-issuer' };
  if (aud !== policy.audience) return { ok: false, reason: 'wrong-audience' };
  if (typeof app !== 'string' || app === '' || typeof sub !== 'string' || sub === '') return { ok: false, reason: 'bad-claims' };
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return { ok: false, reason: 'bad-claims' };
  if (iat * 1000 > nowMs + IAT_SKEW_SECONDS * 1000) return { ok: false, reason: 'issued-in-future' };
  if ((exp as number) - iat > Math.min(policy.ttlSeconds, MAX_SESSION_TTL_SECONDS)) return { ok: false, reason: 'too-long-lived' };
  return { ok: true, claims: { appId: app, openid: sub, expiresAt: (exp as number) * 1000 } };
}
