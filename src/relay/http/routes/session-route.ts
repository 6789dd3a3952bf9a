import { randomBytes } from 'node:crypto';
import { SessionRequestSchema, type SessionResponse } from '../../../shared/schemas/relay-api';
import { sandboxOpenid } from '../../session/sandbox-openid';
import { issueSessionToken, sessionPolicy } from '../../session/session-token';
import { platformOf } from '../../platforms';
import type { GameConfig } from '../../config/config-schema';
import { HttpError } from '../http-error';
import { sendJson } from '../json-response';
import { readJson } from '../read-json';
import type { RelayContext, RouteRequest } from '../relay-context';
import { firstIssue } from '../zod-issue';

/** `POST /v1/session {appId, code}` → `{token, openid, expiresAt}`. */
export async function handleSession(ctx: RelayContext, r: RouteRequest): Promise<void> {
  const body = await readJson(r.req, ctx.config.limits.bodyBytes);
  const parsed = SessionRequestSchema.safeParse(body);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new HttpError(400, 'INVALID_REQUEST', message, field);
  }
  const { appId, code } = parsed.data;
  const game = ctx.games.get(appId);
  if (!game) throw new HttpError(400, 'UNKNOWN_APP', `appId: no game "${appId}" is configured on this relay`, 'appId');
  const openid = ctx.config.session.mode === 'sandbox' ? await sandboxLogin(ctx, game, code) : await platformLogin(ctx, game, code);
  const { token, expiresAt } = issueSessionToken({ appId, openid }, sessionPolicy(ctx.config.session), ctx.now());
  const answer: SessionResponse = { token, openid, expiresAt };
  sendJson(r.res, 200, answer);
}

/**
 * `session.mode: "sandbox"`: any code logs in. A game with a payment config (allowed only when all its sinks
 * capture: the demo) gets a random session_key, 16 bytes in base64 as WeChat's, sealed as a real one, so its
 * orders are signed exactly as a verified game's.
 */
async function sandboxLogin(ctx: RelayContext, game: GameConfig, code: string): Promise<string> {
  const openid = sandboxOpenid(game.appId, code);
  if (platformOf(game).payConfigured(game) && ctx.sessionKeys !== undefined) {
    await ctx.sessionKeys.save(game.appId, openid, randomBytes(16).toString('base64'), ctx.now());
  }
  return openid;
}

/**
 * `session.mode: "wechat"`: the code is verified with the game's own platform (WeChat, Douyin or QQ), whose
 * session_key is kept sealed for signing and querying this player's payments.
 */
async function platformLogin(ctx: RelayContext, game: GameConfig, code: string): Promise<string> {
  const platform = platformOf(game);
  const { appId } = game;
  const name = platform.name.toUpperCase();
  if (!platform.settings(game)) {
    // createRelay refuses this config at start-up; kept as a guard, answered as our fault, not the client's.
    throw new HttpError(503, 'NOT_CONFIGURED', `game ${appId} has no ${platform.name} settings`);
  }
  const result = await platform.login(game, code, ctx.wechatTimeoutMs);
  if (result.ok) {
    // Kept (sealed) for signing this player's payments and queries; refreshed at each login.
    if (result.sessionKey !== undefined && ctx.sessionKeys !== undefined) await ctx.sessionKeys.save(appId, result.openid, result.sessionKey, ctx.now());
    return result.openid;
  }
  ctx.log.warn({ appId, platform: platform.name, kind: result.kind, detail: result.detail }, `${platform.name} login failed`);
  switch (result.kind) {
    case 'invalid-code':
      throw new HttpError(401, `${name}_CODE_REJECTED`, `code: ${platform.label} refused this login code (invalid, used or blocked); log in again`, 'code');
    case 'rate-limited':
      throw new HttpError(429, `${name}_RATE_LIMITED`, `${platform.label} limits logins of this user; retry in a minute`, undefined, { 'Retry-After': '60' });
    case 'config':
      throw new HttpError(502, `${name}_CONFIG_REFUSED`, `${platform.label} refused this relay's app credentials`);
    default:
      throw new HttpError(502, `${name}_UNAVAILABLE`, `${platform.label} login is unavailable; retry later`, undefined, { 'Retry-After': '5' });
  }
}
