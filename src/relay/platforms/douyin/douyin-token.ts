import { fetchFailure, jsonAnswer } from '../../upstream-answer';
import { z } from 'zod';
import type { TokenSource } from '../access-token';
import { DOUYIN } from './douyin-facts';

const AnswerSchema = z.object({
  err_no: z.number().int(),
  data: z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() }).nullish(),
});

/** Pure: an answer of Douyin's token call → token or why not. `now` in epoch ms. */
export function classifyDouyinToken(status: number, text: string, now: number): { ok: true; accessToken: string; expiresAt: number } | { ok: false; detail: string } {
  const answer = jsonAnswer('douyin token', status, text);
  if (!answer.ok) return { ok: false, detail: answer.detail };
  const body = answer.body;
  const a = AnswerSchema.safeParse(body);
  if (!a.success) return { ok: false, detail: 'douyin token answered an unexpected shape' };
  if (a.data.err_no !== 0 || !a.data.data) return { ok: false, detail: `douyin token err_no ${a.data.err_no}` };
  return { ok: true, accessToken: a.data.data.access_token, expiresAt: now + a.data.data.expires_in * 1000 };
}

/** Douyin app access tokens (`client_credential`) for `access-token.ts`. */
export const DOUYIN_TOKEN_SOURCE: TokenSource = {
  name: 'douyin',
  async fetch(game, _forceRefresh, timeoutMs) {
    const douyin = game.douyin;
    if (!douyin) return { ok: false, detail: 'the game has no douyin settings' };
    const url = new URL(DOUYIN.tokenPath, douyin.apiBase.endsWith('/') ? douyin.apiBase : `${douyin.apiBase}/`);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appid: game.appId, secret: douyin.appSecret, grant_type: 'client_credential' }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return classifyDouyinToken(res.status, await res.text(), Date.now());
    } catch (err) {
      const name = fetchFailure(err);
      return { ok: false, detail: `douyin token ${name}` };
    }
  },
};
