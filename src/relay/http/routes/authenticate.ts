import type { IncomingMessage } from 'node:http';
import type { SessionClaims } from '../../session/session-token';
import { bearerToken } from '../bearer-token';
import { HttpError } from '../http-error';
import type { RelayContext } from '../relay-context';

const REASONS: Record<string, string> = {
  malformed: 'the token is malformed',
  'bad-algorithm': 'the token is not HS256',
  'bad-signature': 'the token signature is invalid',
  expired: 'the token has expired; log in again',
  'bad-claims': 'the token lacks its appId, openid, issue time or expiry',
  'wrong-issuer': 'the token was not issued by this relay',
  'wrong-audience': "the token is for another kind of session than this relay's",
  'too-long-lived': 'the token claims a lifetime longer than this relay grants',
  'issued-in-future': 'the token claims to be issued in the future',
};

/** The session of a `Bearer` request, or a 401 that says what is wrong with the token. */
export function authenticate(ctx: RelayContext, req: IncomingMessage): SessionClaims {
  const token = bearerToken(req);
  if (token === undefined) throw new HttpError(401, 'UNAUTHENTICATED', 'authorization: send "Authorization: Bearer <session token>"', 'authorization');
  const v = ctx.verifySession(token, ctx.now());
  if (!v.ok) throw new HttpError(401, v.reason === 'expired' ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', `authorization: ${REASONS[v.reason]}`, 'authorization');
  if (!ctx.games.has(v.claims.appId)) throw new HttpError(401, 'INVALID_TOKEN', 'authorization: the token names a game this relay does not serve', 'authorization');
  return v.claims;
}
