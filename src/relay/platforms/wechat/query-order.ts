import { fetchFailure, jsonAnswer } from '../../upstream-answer';
import { z } from 'zod';
import { apiPaySig, userSignature } from './midas-sign';

/**
 * `POST /wxa/game/queryorderinfo`: asks WeChat whether a mini-game order was paid. It answers no amount: the
 * amount must come from the order the relay created. The body is serialised once and both signatures are
 * computed over those exact bytes, which are the bytes sent (re-serialising after signing is the classic 90011).
 */

export const QUERY_ORDER_URI = '/wxa/game/queryorderinfo';

export interface QueryOrderRequest {
  /** The WeChat API origin, e.g. `https://api.weixin.qq.com`. */
  apiBase: string;
  accessToken: string;
  /** The AppKey of `env`. */
  appKey: string;
  /** The user's current session_key (its base64 text). */
  sessionKey: string;
  openid: string;
  offerId: string;
  zoneId: string;
  /** 0 live, 1 sandbox. */
  env: 0 | 1;
  outTradeNo: string;
  /** 1 game coins, 2 item (`requestMidasPaymentGameItem`). */
  bizId: 1 | 2;
  /** Seconds. */
  ts: number;
  /** @default 5000 */
  timeoutMs?: number;
}

export type QueryOrderResult =
  | {
      kind: 'paid';
      productId: string;
      /** Epoch milliseconds. */
      payFinishTime: number;
      /** 1 not delivered, 2 delivered, when WeChat says. */
      deliverState?: number;
      transactionId?: string;
      mchOrderNo?: string;
    }
  | { kind: 'unpaid' }
  /** 90016: the session_key expired; this order cannot be queried any more: wait for the push. */
  | { kind: 'session-key-expired' }
  /** 90019: WeChat knows no such out_trade_no. */
  | { kind: 'not-found' }
  /** 40001, 42001, 40014: get a new access_token and ask again. */
  | { kind: 'token-invalid' }
  | { kind: 'error'; detail: string; retryable: boolean };

/** The exact body and URL of a query: what is signed is what is sent. Pure. */
export function buildQueryOrderRequest(req: QueryOrderRequest): { url: URL; body: string } {
  const body = JSON.stringify({
    openid: req.openid,
    offer_id: req.offerId,
    ts: req.ts,
    zone_id: req.zoneId,
    env: req.env,
    out_trade_no: req.outTradeNo,
    biz_id: req.bizId,
  });
  const url = new URL(QUERY_ORDER_URI, req.apiBase.endsWith('/') ? req.apiBase : `${req.apiBase}/`);
  url.search = new URLSearchParams({
    access_token: req.accessToken,
    signature: userSignature(req.sessionKey, body),
    sig_method: 'hmac_sha256',
    pay_sig: apiPaySig(req.appKey, QUERY_ORDER_URI, body),
  }).toString();
  return { url, body };
}

export async function queryOrderInfo(req: QueryOrderRequest): Promise<QueryOrderResult> {
  const { url, body } = buildQueryOrderRequest(req);
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(req.timeoutMs ?? 5000),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    // The URL carries the access token and signatures: report only the kind of failure.
    // By name, not instanceof: the abort's DOMException may come from another realm.
    const name = fetchFailure(err);
    return { kind: 'error', detail: `queryorderinfo ${name}`, retryable: true };
  }
  return classifyQueryOrder(status, text, req.outTradeNo);
}

const TOKEN_INVALID = new Set([40001, 42001, 40014]);
/** Our request is wrong (signature, pay_sig, parameter): asking again the same way cannot help. */
const NOT_RETRYABLE = new Set([90010, 90011, 90018]);
/** WeChat busy or a quota: ask again later. Any other unknown errcode is not retried. */
const RETRYABLE = new Set([-1, 45009, 45011]);

const ErrorSchema = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });
const AnswerSchema = z.object({
  pay_state: z.number().int(),
  deliver_state: z.number().int().optional(),
  product_id: z.string().optional(),
  pay_finish_time: z.number().int().nonnegative().optional(),
  out_trade_no: z.string().optional(),
  mch_order_no: z.string().optional(),
  transaction_id: z.string().optional(),
});

/**
 * UNCONFIRMED: the unit of `pay_finish_time`. WeChat's times are Unix seconds; a value already in milliseconds
 * (past 10^12) is taken as such.
 */
function toMs(t: number): number {
  return t >= 1e12 ? t : t * 1000;
}

/**
 * Pure: an HTTP answer of `queryorderinfo` → result. Never throws. With `expectedOutTradeNo`, an answer about
 * another order is an error.
 */
export function classifyQueryOrder(status: number, text: string, expectedOutTradeNo?: string): QueryOrderResult {
  const read = jsonAnswer('queryorderinfo', status, text);
  if (!read.ok) return { kind: 'error', detail: read.detail, retryable: true };
  const body = read.body;
  const err = ErrorSchema.safeParse(body);
  if (err.success && err.data.errcode !== 0) {
    const code = err.data.errcode;
    if (code === 90016) return { kind: 'session-key-expired' };
    if (code === 90019) return { kind: 'not-found' };
    if (TOKEN_INVALID.has(code)) return { kind: 'token-invalid' };
    const detail = `queryorderinfo errcode ${code}`;
    if (NOT_RETRYABLE.has(code)) return { kind: 'error', detail, retryable: false };
    return { kind: 'error', detail, retryable: RETRYABLE.has(code) };
  }
  const answer = AnswerSchema.safeParse(body);
  if (!answer.success) return { kind: 'error', detail: 'queryorderinfo answered an unexpected shape', retryable: true };
  const a = answer.data;
  if (expectedOutTradeNo !== undefined && a.out_trade_no !== undefined && a.out_trade_no !== expectedOutTradeNo) {
    return { kind: 'error', detail: 'queryorderinfo answered about another out_trade_no', retryable: false };
  }
  if (a.pay_state === 1) return { kind: 'unpaid' };
  if (a.pay_state !== 2) return { kind: 'error', detail: `queryorderinfo pay_state ${a.pay_state}`, retryable: true };
  if (!a.product_id || !a.pay_finish_time) {
    return { kind: 'error', detail: 'queryorderinfo paid without product_id or pay_finish_time', retryable: true };
  }
  return {
    kind: 'paid',
    productId: a.product_id,
    payFinishTime: toMs(a.pay_finish_time),
    ...(a.deliver_state === undefined ? {} : { deliverState: a.deliver_state }),
    ...(a.transaction_id ? { transactionId: a.transaction_id } : {}),
    ...(a.mch_order_no ? { mchOrderNo: a.mch_order_no } : {}),
  };
}
