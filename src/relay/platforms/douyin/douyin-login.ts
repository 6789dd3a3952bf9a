import { fetchFailure, jsonAnswer } from '../../upstream-answer';
import { z } from 'zod';
import type { Code2SessionResult } from '../../session/wechat-code2session';
import { DOUYIN } from './douyin-facts';

/**
 * Douyin `code2session` for mini-games (`POST /api/apps/v2/jscode2session`): trades a `tt.login` code for the
 * player's openid and session_key. Errors come as `err_no` (40015 appid, 40017 secret, 40018 code, 40014 params,
 * -1 busy). The session_key goes only to `SessionKeys.save`.
 */

const AnswerSchema = z.object({
  err_no: z.number().int(),
  err_tips: z.string().optional(),
  data: z.object({ openid: z.string().max(128).optional(), session_key: z.string().max(128).optional() }).nullish(),
});

const INVALID_CODE = new Set([40018, 40019]);
const BAD_CONFIG = new Set([40015, 40017]);

export async function douyinCode2Session(req: { apiBase: string; appId: string; appSecret: string; code: string; timeoutMs?: number }): Promise<Code2SessionResult> {
  const url = new URL(DOUYIN.code2sessionPath, req.apiBase.endsWith('/') ? req.apiBase : `${req.apiBase}/`);
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appid: req.appId, secret: req.appSecret, code: req.code }),
      signal: AbortSignal.timeout(req.timeoutMs ?? 5000),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    // The body carries the app secret: report only the kind of failure.
    const name = fetchFailure(err);
    return { ok: false, kind: 'unavailable', detail: `douyin jscode2session ${name}` };
  }
  return classifyDouyinCode2Session(status, text);
}

/** Pure: an HTTP answer of Douyin's `jscode2session` → result. Never throws. */
export function classifyDouyinCode2Session(status: number, text: string): Code2SessionResult {
  const answer = jsonAnswer('douyin jscode2session', status, text);
  if (!answer.ok) return { ok: false, kind: 'unavailable', detail: answer.detail };
  const body = answer.body;
  const a = AnswerSchema.safeParse(body);
  if (!a.success) return { ok: false, kind: 'unavailable', detail: 'douyin jscode2session answered an unexpected shape' };
  const code = a.data.err_no;
  if (code !== 0) {
    const detail = `douyin jscode2session err_no ${code}`;
    if (INVALID_CODE.has(code)) return { ok: false, kind: 'invalid-code', detail };
    if (BAD_CONFIG.has(code)) return { ok: false, kind: 'config', detail };
    return { ok: false, kind: 'unavailable', detail };
  }
  const openid = a.data.data?.openid;
  // An anonymous login has no openid: nothing to bind a session or a payment to.
  if (!openid) return { ok: false, kind: 'invalid-code', detail: 'douyin jscode2session gave no openid (anonymous login)' };
  const sessionKey = a.data.data?.session_key;
  return sessionKey ? { ok: true, openid, sessionKey } : { ok: true, openid };
}
