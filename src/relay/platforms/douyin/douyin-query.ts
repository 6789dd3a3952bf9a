import { fetchFailure, jsonAnswer } from '../../upstream-answer';
import { z } from 'zod';
import type { GameConfig } from '../../config/config-schema';
import type { OrderRecord, Proof } from '../../storage/payment-store';
import type { QueryVerdict } from '../../verification/query-loop';
import type { PlatformDeps } from '../platform-server';
import { DOUYIN } from './douyin-facts';

export type PayStateResult =
  | { kind: 'paid'; currency?: string }
  | { kind: 'unpaid' }
  | { kind: 'error'; detail: string };

/** UNCONFIRMED shape: `status` at the top or under `data`; a non-zero `err_no` / `errcode` / `err_code` is an error. */
const AnswerSchema = z.object({
  err_no: z.number().int().optional(),
  errcode: z.number().int().optional(),
  err_code: z.number().int().optional(),
  status: z.string().optional(),
  currency: z.string().optional(),
  data: z.object({ status: z.string().optional(), currency: z.string().optional() }).nullish(),
});

/** Pure: an HTTP answer of `queryPayState` → result. Never throws. */
export function classifyPayState(status: number, text: string): PayStateResult {
  const answer = jsonAnswer('queryPayState', status, text);
  if (!answer.ok) return { kind: 'error', detail: answer.detail };
  const body = answer.body;
  const a = AnswerSchema.safeParse(body);
  if (!a.success) return { kind: 'error', detail: 'queryPayState answered an unexpected shape' };
  const code = a.data.err_no ?? a.data.errcode ?? a.data.err_code ?? 0;
  if (code !== 0) return { kind: 'error', detail: `queryPayState error ${code}` };
  const state = a.data.status ?? a.data.data?.status;
  const currency = a.data.currency ?? a.data.data?.currency;
  if (state === 'success') return currency === undefined ? { kind: 'paid' } : { kind: 'paid', currency };
  if (state === 'unsuccess') return { kind: 'unpaid' };
  return { kind: 'error', detail: `queryPayState status ${JSON.stringify(state ?? null).slice(0, 32)}` };
}

export async function queryPayState(apiBase: string, accessToken: string, orderNo: string, timeoutMs: number): Promise<PayStateResult> {
  const url = new URL(DOUYIN.queryPayStatePath, apiBase.endsWith('/') ? apiBase : `${apiBase}/`);
  url.search = new URLSearchParams({ access_token: accessToken, orderno: orderNo }).toString();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return classifyPayState(res.status, await res.text());
  } catch (err) {
    // The URL carries the access token: only the kind of failure.
    const name = fetchFailure(err);
    return { kind: 'error', detail: `queryPayState ${name}` };
  }
}

/**
 * The fallback proof of a Douyin order: `queryPayState` says `success` → paid at the order's amount (Douyin gives
 * none). A claim (an order the relay did not make) has no amount the relay can vouch for: it waits for the callback,
 * which carries `amount_cent`.
 */
export async function queryDouyinOrder(d: PlatformDeps, game: GameConfig, order: OrderRecord): Promise<QueryVerdict> {
  const douyin = game.douyin;
  if (!douyin?.pay) return { kind: 'wait', note: 'the game has no douyin.pay' };
  const token = await d.accessTokens.get(game);
  if (!token.ok) return { kind: 'wait', note: `no access token: ${token.detail}` };
  const answer = await queryPayState(douyin.apiBase, token.token, order.orderId, d.timeoutMs);
  switch (answer.kind) {
    case 'unpaid':
      return { kind: 'wait', note: 'not paid yet' };
    case 'error':
      return { kind: 'wait', note: answer.detail };
    case 'paid': {
      if (answer.currency !== undefined && answer.currency !== DOUYIN.cashCurrency) return { kind: 'wait', note: `paid in ${answer.currency.slice(0, 16)}: not money, waiting for the callback` };
      if (order.amount === null) return { kind: 'wait', note: 'paid, but the relay did not make this order: waiting for the callback and its amount' };
      const proof: Proof = {
        source: 'query',
        via: 'queryPayState',
        env: 0,
        openid: order.uid,
        productId: null,
        quantity: null,
        amount: order.amount,
        currency: order.currency ?? DOUYIN.cashCurrency,
        // Douyin's answer has no time: the time the relay learnt it.
        paidAt: d.now(),
      };
      return { kind: 'paid', proof };
    }
  }
}
