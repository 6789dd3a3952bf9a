import { fetchFailure, jsonAnswer } from '../upstream-answer';
import { z } from 'zod';

/**
 * The WeChat `jscode2session` call: trades a `wx.login` code for the user's openid and `session_key`. The
 * session_key goes only to `SessionKeys.save` (sealed at rest); it is never logged, returned or exported.
 */

const SuccessSchema = z.object({ openid: z.string().min(1).max(128), session_key: z.string().min(1).max(128).optional() });
const ErrorSchema = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });

export type Code2SessionResult =
  | { ok: true; openid: string; sessionKey?: string }
  | {
      ok: false;
      /**
       * `invalid-code`: the user's code is bad, used or blocked (answer 401); `rate-limited`: WeChat's per-user
       * quota (429); `config`: our appId/appSecret are refused (502); `unavailable`: network, timeout, WeChat busy
       * or a garbage answer (502).
       */
      kind: 'invalid-code' | 'rate-limited' | 'config' | 'unavailable';
      detail: string;
    };

export interface Code2SessionRequest {
  apiBase: string;
  appId: string;
  appSecret: string;
  code: string;
  /** @default 5000 */
  timeoutMs?: number;
}

const INVALID_CODE = new Set([40029, 40163, 40226]);
const BAD_CONFIG = new Set([40013, 40125, 41002, 41004, 40001]);

export async function code2session(req: Code2SessionRequest): Promise<Code2SessionResult> {
  const url = new URL('/sns/jscode2session', req.apiBase.endsWith('/') ? req.apiBase : `${req.apiBase}/`);
  url.search = new URLSearchParams({
    appid: req.appId,
    secret: req.appSecret,
    js_code: req.code,
    grant_type: 'authorization_code',
  }).toString();
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(req.timeoutMs ?? 5000) });
    status = res.status;
    text = await res.text();
  } catch (err) {
    // The URL carries the app secret: report only the kind of failure, never the error's text.
    const name = fetchFailure(err);
    return { ok: false, kind: 'unavailable', detail: `jscode2session ${name}` };
  }
  return classifyCode2Session(status, text);
}

/** Pure: an HTTP answer of `jscode2session` → result. Never throws, whatever the body. */
export function classifyCode2Session(status: number, text: string): Code2SessionResult {
  const answer = jsonAnswer('jscode2session', status, text);
  if (!answer.ok) return { ok: false, kind: 'unavailable', detail: answer.detail };
  const body = answer.body;
  const err = ErrorSchema.safeParse(body);
  if (err.success && err.data.errcode !== 0) {
    const code = err.data.errcode;
    const detail = `jscode2session errcode ${code}`;
    if (INVALID_CODE.has(code)) return { ok: false, kind: 'invalid-code', detail };
    if (code === 45011) return { ok: false, kind: 'rate-limited', detail };
    if (BAD_CONFIG.has(code)) return { ok: false, kind: 'config', detail };
    return { ok: false, kind: 'unavailable', detail };
  }
  const ok = SuccessSchema.safeParse(body);
  if (!ok.success) return { ok: false, kind: 'unavailable', detail: 'jscode2session answered an unexpected shape' };
  return ok.data.session_key === undefined ? { ok: true, openid: ok.data.openid } : { ok: true, openid: ok.data.openid, sessionKey: ok.data.session_key };
}
