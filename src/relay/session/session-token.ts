import { signJwt, verifyJwt, type JwtFailure } from './jwt';

/** What a session token proves: this openid logged in to this game, until `exp`. */
export interface SessionClaims {
  appId: string;
  openid: string;
  /** ms since epoch */
  expiresAt: number;
}

export function issueSessionToken(
  claims: { appId: string; openid: string },
  secret: string,
  ttlSeconds: number,
  nowMs: number,
): { token: string; expiresAt: number } {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  const token = signJwt({ app: claims.appId, sub: claims.openid, iat: Math.floor(nowMs / 1000), exp }, secret);
  return { token, expiresAt: exp * 1000 };
}

export function verifySessionToken(
  token: string,
  secret: string,
  nowMs: number,
): { ok: true; claims: SessionClaims } | { ok: false; reason: JwtFailure } {
  const v = verifyJwt(token, secret, nowMs);
  if (!v.ok) return v;
  const { app, sub, exp } = v.payload;
  if (typeof app !== 'string' || app === '' || typeof sub !== 'string' || sub === '') return { ok: false, reason: 'bad-claims' };
  return { ok: true, claims: { appId: app, openid: sub, expiresAt: (exp as number) * 1000 } };
}
