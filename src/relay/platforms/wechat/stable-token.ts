import { fetchFailure, jsonAnswer } from '../../upstream-answer';
import { z } from 'zod';
import type { TokenSource } from '../access-token';

/**
 * `POST /cgi-bin/stable_token`: the access_token of a mini-game. Unlike `/cgi-bin/token`, a new one does not
 * invalidate the tokens other servers of the fleet hold (without `force_refresh`, WeChat answers the current one).
 */

export const STABLE_TOKEN_PATH = '/cgi-bin/stable_token';

export interface StableTokenRequest {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** @default 5000 */
  timeoutMs?: number;
  /** Ask for a new token even when the current one is valid (after a 40001 / 42001). @default false */
  forceRefresh?: boolean;
  /** Epoch ms, for `expiresAt`. @default Date.now */
  now?: () => number;
}

export type StableTokenResult =
  | { ok: true; accessToken: string; /** Epoch ms. */ expiresAt: number }
  | {
      ok: false;
      /**
       * `config`: our appid/secret or IP are refused; `rate-limited`: WeChat's quota; `unavailable`: network,
       * timeout, WeChat busy or a garbage answer.
       */
      kind: 'config' | 'rate-limited' | 'unavailable';
      detail: string;
    };

const BAD_CONFIG = new Set([40002, 40013, 40125, 40164, 41002, 41004, 89503]);
const RATE_LIMITED = new Set([45009, 45011]);

const ErrorSchema = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });
const SuccessSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

export async function fetchStableToken(req: StableTokenRequest): Promise<StableTokenResult> {
  const url = new URL(STABLE_TOKEN_PATH, req.apiBase.endsWith('/') ? req.apiBase : `${req.apiBase}/`);
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: req.appId,
        secret: req.appSecret,
        force_refresh: req.forceRefresh ?? false,
      }),
      signal: AbortSignal.timeout(req.timeoutMs ?? 5000),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    // Only the kind of failure: an error's text may quote the request.
    // By name, not instanceof: the abort's DOMException may come from another realm.
    const name = fetchFailure(err);
    return { ok: false, kind: 'unavailable', detail: `stable_token ${name}` };
  }
  return classifyStableToken(status, text, (req.now ?? Date.now)());
}

/** Pure: an HTTP answer of `stable_token` → result, `now` in epoch ms. Never throws. */
export function classifyStableToken(status: number, text: string, now: number): StableTokenResult {
  const answer = jsonAnswer('stable_token', status, text);
  if (!answer.ok) return { ok: false, kind: 'unavailable', detail: answer.detail };
  const body = answer.body;
  const err = ErrorSchema.safeParse(body);
  if (err.success && err.data.errcode !== 0) {
    const code = err.data.errcode;
    const detail = `stable_token errcode ${code}`;
    if (BAD_CONFIG.has(code)) return { ok: false, kind: 'config', detail };
    if (RATE_LIMITED.has(code)) return { ok: false, kind: 'rate-limited', detail };
    return { ok: false, kind: 'unavailable', detail };
  }
  const ok = SuccessSchema.safeParse(body);
  if (!ok.success) return { ok: false, kind: 'unavailable', detail: 'stable_token answered an unexpected shape' };
  return { ok: true, accessToken: ok.data.access_token, expiresAt: now + ok.data.expires_in * 1000 };
}

/** WeChat's tokens for `access-token.ts`: after WeChat refused the stored one, a call without force_refresh would hand it back. */
export const WECHAT_TOKEN_SOURCE: TokenSource = {
  name: 'wechat',
  async fetch(game, forceRefresh, timeoutMs) {
    const wechat = game.wechat;
    if (!wechat) return { ok: false, detail: 'the game has no wechat settings' };
    const got = await fetchStableToken({ apiBase: wechat.apiBase, appId: game.appId, appSecret: wechat.appSecret, timeoutMs, forceRefresh });
    return got.ok ? got : { ok: false, detail: got.detail };
  },
};
