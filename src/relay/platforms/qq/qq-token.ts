import { fetchFailure, jsonAnswer } from '../../upstream-answer';
import { z } from 'zod';
import type { TokenSource } from '../access-token';
import { QQ_UNCONFIRMED } from './qq-unconfirmed';

const AnswerSchema = z.object({
  errcode: z.number().int().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().int().positive().optional(),
});

/** Pure: an answer of QQ's `getToken` → token or why not. `now` in epoch ms. */
export function classifyQqToken(status: number, text: string, now: number): { ok: true; accessToken: string; expiresAt: number } | { ok: false; detail: string } {
  const answer = jsonAnswer('qq getToken', status, text);
  if (!answer.ok) return { ok: false, detail: answer.detail };
  const body = answer.body;
  const a = AnswerSchema.safeParse(body);
  if (!a.success) return { ok: false, detail: 'qq getToken answered an unexpected shape' };
  if ((a.data.errcode ?? 0) !== 0 || !a.data.access_token || !a.data.expires_in) return { ok: false, detail: `qq getToken errcode ${a.data.errcode ?? 'none'}` };
  return { ok: true, accessToken: a.data.access_token, expiresAt: now + a.data.expires_in * 1000 };
}

/** QQ app access tokens (`GET /api/getToken?grant_type=client_credential&appid&secret`) for `access-token.ts`. */
export const QQ_TOKEN_SOURCE: TokenSource = {
  name: 'qq',
  async fetch(game, _forceRefresh, timeoutMs) {
    const qq = game.qq;
    if (!qq) return { ok: false, detail: 'the game has no qq settings' };
    const url = new URL(QQ_UNCONFIRMED.tokenPath, qq.apiBase.endsWith('/') ? qq.apiBase : `${qq.apiBase}/`);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: game.appId, secret: qq.appSecret }).toString();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      return classifyQqToken(res.status, await res.text(), Date.now());
    } catch (err) {
      // The URL carries the app secret: only the kind of failure.
      const name = fetchFailure(err);
      return { ok: false, detail: `qq getToken ${name}` };
    }
  },
};
