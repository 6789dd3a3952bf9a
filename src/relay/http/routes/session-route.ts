import { SessionRequestSchema, type SessionResponse } from '../../../shared/schemas/relay-api';
import { sandboxOpenid } from '../../session/sandbox-openid';
import { issueSessionToken, sessionPolicy } from '../../session/session-token';
import { code2session } from '../../session/wechat-code2session';
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
  const openid = ctx.config.session.mode === 'sandbox' ? sandboxOpenid(appId, code) : await wechatLogin(ctx, appId, code);
  const { token, expiresAt } = issueSessionToken({ appId, openid }, sessionPolicy(ctx.config.session), ctx.now());
  const answer: SessionResponse = { token, openid, expiresAt };
  sendJson(r.res, 200, answer);
}

async function wechatLogin(ctx: RelayContext, appId: string, code: string): Promise<string> {
  const wechat = ctx.games.get(appId)?.wechat;
  if (!wechat) {
    // createRelay refuses this config at start-up; kept as a guard, answered as our fault, not the client's.
    throw new HttpError(503, 'NOT_CONFIGURED', `game ${appId} has no wechat settings`);
  }
  const result = await code2session({ apiBase: wechat.apiBase, appId, appSecret: wechat.appSecret, code, timeoutMs: ctx.wechatTimeoutMs });
  if (result.ok) {
    // Kept (sealed) for signing this player's payments and queries; refreshed at each login.
    if (result.sessionKey !== undefined && ctx.sessionKeys !== undefined) await ctx.sessionKeys.save(appId, result.openid, result.sessionKey, ctx.now());
    return result.openid;
  }
  ctx.log.warn({ appId, kind: result.kind, detail: result.detail }, 'wechat login failed');
  switch (result.kind) {
    case 'invalid-code':
      throw new HttpError(401, 'WECHAT_CODE_REJECTED', 'code: WeChat refused this login code (invalid, used or blocked); call wx.login again', 'code');
    case 'rate-limited':
      throw new HttpError(429, 'WECHAT_RATE_LIMITED', 'WeChat limits logins of this user; retry in a minute', undefined, { 'Retry-After': '60' });
    case 'config':
      throw new HttpError(502, 'WECHAT_CONFIG_REFUSED', 'WeChat refused this relay\'s app credentials');
    default:
      throw new HttpError(502, 'WECHAT_UNAVAILABLE', 'WeChat login is unavailable; retry later', undefined, { 'Retry-After': '5' });
  }
}
