import { fetchFailure, jsonAnswer } from '../../upstream-answer';
import { hmacSha256Hex } from '../digests';
import { z } from 'zod';
import { QQ_UNCONFIRMED } from './qq-unconfirmed';

/**
 * `POST /api/json/openApiPay/GamePrePay?access_token=`: QQ hands out the `prepayId` that `qq.requestMidasPayment`
 * needs (valid 48 h). The body is serialised once; `sig` covers the same values:
 * `hex(HMAC_SHA256(session_key, "POST&" + urlencode(uri) + "&" + sorted k=v joined by & + "&session_key=" + session_key))`,
 * values as sent (not encoded), `user_ip` and `sig` left out.
 */
export const GAME_PREPAY_URI = '/api/json/openApiPay/GamePrePay';

export interface GamePrePayParams {
  openid: string;
  appid: string;
  /** Seconds. */
  ts: number;
  zone_id: string;
  pf: string;
  /** Star currency (星币), the order's total. */
  amt: number;
  /** Our order id. */
  bill_no: string;
  goodid: string;
  good_num: number;
  app_remark: string;
}

/** The GamePrePay `sig` over `params` (every key but `user_ip` and `sig`). */
export function gamePrePaySig(sessionKey: string, params: Readonly<Record<string, string | number>>, method = 'POST', uri = GAME_PREPAY_URI): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== 'user_ip' && k !== 'sig')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  const text = `${method}&${encodeURIComponent(uri)}&${pairs}&session_key=${sessionKey}`;
  return hmacSha256Hex(sessionKey, text);
}

/** The exact URL and body of one prepay. Pure. */
export function buildGamePrePay(apiBase: string, accessToken: string, sessionKey: string, params: GamePrePayParams): { url: URL; body: string } {
  const url = new URL(GAME_PREPAY_URI, apiBase.endsWith('/') ? apiBase : `${apiBase}/`);
  url.search = new URLSearchParams({ access_token: accessToken }).toString();
  const body = JSON.stringify({ ...params, sig: gamePrePaySig(sessionKey, { ...params }) });
  return { url, body };
}

export type PrePayResult =
  | { kind: 'ok'; prepayId: string }
  /** 90010: the player's session is not valid on QQ any more. */
  | { kind: 'session-expired' }
  | { kind: 'token-invalid' }
  | { kind: 'error'; detail: string };

const AnswerSchema = z.object({ errcode: z.number().int().optional(), errmsg: z.string().optional() }).passthrough();

/** Pure: an HTTP answer of GamePrePay → result. Never throws. */
export function classifyPrePay(status: number, text: string): PrePayResult {
  const answer = jsonAnswer('GamePrePay', status, text);
  if (!answer.ok) return { kind: 'error', detail: answer.detail };
  const body = answer.body;
  const a = AnswerSchema.safeParse(body);
  if (!a.success) return { kind: 'error', detail: 'GamePrePay answered an unexpected shape' };
  const code = a.data.errcode ?? 0;
  if (code === 90010) return { kind: 'session-expired' };
  if ((QQ_UNCONFIRMED.tokenInvalidCodes as readonly number[]).includes(code)) return { kind: 'token-invalid' };
  // 90011 sig, 90012 duplicate bill_no, 90017 no permission, 90018 parameter: our side or the console's.
  if (code !== 0) return { kind: 'error', detail: `GamePrePay errcode ${code}` };
  const record = a.data as Record<string, unknown>;
  const id = QQ_UNCONFIRMED.prepayIdFields.map((f) => record[f]).find((v) => typeof v === 'string' && v !== '');
  return typeof id === 'string' ? { kind: 'ok', prepayId: id } : { kind: 'error', detail: 'GamePrePay answered no prepayId' };
}

export async function gamePrePay(apiBase: string, accessToken: string, sessionKey: string, params: GamePrePayParams, timeoutMs: number): Promise<PrePayResult> {
  const { url, body } = buildGamePrePay(apiBase, accessToken, sessionKey, params);
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
    return classifyPrePay(res.status, await res.text());
  } catch (err) {
    // The URL carries the access token: only the kind of failure.
    const name = fetchFailure(err);
    return { kind: 'error', detail: `GamePrePay ${name}` };
  }
}
