import { z } from 'zod';
import { hexEquals, sha1SortedHex } from '../digests';
import { DOUYIN } from './douyin-facts';

/**
 * Douyin's game payment callback (console: callback URL + Token). GET is the URL check (`timestamp, nonce, msg?,
 * signature, echostr` in the query); POST is JSON `{timestamp, nonce, msg, signature}` with
 * `signature = sha1(join(sort([token, timestamp, nonce, msg])))`, `msg` a JSON string signed as it arrived: it is
 * verified before it is parsed, and never serialised again.
 */

/** What Douyin signs: the callback's `signature`. */
export function callbackSignature(token: string, timestamp: string, nonce: string, msg: string): string {
  return sha1SortedHex([token, timestamp, nonce, msg]);
}

/** Numbers Douyin may send as JSON numbers or digit strings; kept as the text that was signed. */
const Signed = z.union([z.string().max(64), z.number().int().nonnegative()]).transform(String);
const Int = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,15}$/).transform(Number)]);

const EnvelopeSchema = z.object({ timestamp: Signed, nonce: Signed, msg: z.string().min(2).max(8192), signature: z.string() });

const MsgSchema = z.object({
  appid: z.string().min(1),
  /** Our order id (`customId`). */
  cp_orderno: z.string().min(1).max(64),
  cp_extra: z.string().optional(),
  order_no_channel: z.union([z.string(), z.number()]).transform(String).optional(),
  /** Fen, for `currency: "CNY"`. */
  amount_cent: Int.optional(),
  amount_coin: Int.optional(),
  currency: z.string().min(1),
  openid: z.string().min(1).optional(),
});

export type DouyinCallback =
  | {
      kind: 'paid';
      appId: string;
      orderId: string;
      /** `CNY` is revenue (`amountCent`); anything else (`DIAMOND`) is stored and exported, never money. */
      currency: string;
      amountCent?: number;
      amountCoin?: number;
      channelOrderNo?: string;
      openid?: string;
      /** The callback's `timestamp`, epoch ms. */
      sentAt: number;
    }
  | { kind: 'bad-signature' }
  | { kind: 'malformed'; reason: string };

/** Whether the GET URL check holds: the `echostr` to answer, or not. */
export function checkCallbackUrl(token: string, q: URLSearchParams): { ok: true; echostr: string } | { ok: false } {
  const sig = callbackSignature(token, q.get('timestamp') ?? '', q.get('nonce') ?? '', q.get('msg') ?? '');
  return hexEquals(sig, q.get('signature') ?? '') ? { ok: true, echostr: q.get('echostr') ?? '' } : { ok: false };
}

/** Reads one POST body. Pure and total: the signature over the raw `msg` first, then its fields. */
export function readDouyinCallback(raw: string, token: string): DouyinCallback {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'malformed', reason: 'the body is not JSON' };
  }
  const env = EnvelopeSchema.safeParse(json);
  if (!env.success) return { kind: 'malformed', reason: `body: ${env.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}` };
  const { timestamp, nonce, msg, signature } = env.data;
  if (!hexEquals(callbackSignature(token, timestamp, nonce, msg), signature)) return { kind: 'bad-signature' };
  let msgJson: unknown;
  try {
    msgJson = JSON.parse(msg);
  } catch {
    return { kind: 'malformed', reason: 'msg is not JSON' };
  }
  const m = MsgSchema.safeParse(msgJson);
  if (!m.success) return { kind: 'malformed', reason: `msg: ${m.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const d = m.data;
  if (d.currency === DOUYIN.cashCurrency && d.amount_cent === undefined) return { kind: 'malformed', reason: 'msg: a CNY payment without amount_cent' };
  const seconds = Number(timestamp);
  return {
    kind: 'paid',
    appId: d.appid,
    orderId: d.cp_orderno,
    currency: d.currency,
    ...(d.amount_cent === undefined ? {} : { amountCent: d.amount_cent }),
    ...(d.amount_coin === undefined ? {} : { amountCoin: d.amount_coin }),
    ...(d.order_no_channel ? { channelOrderNo: d.order_no_channel } : {}),
    ...(d.openid ? { openid: d.openid } : {}),
    sentAt: Number.isFinite(seconds) ? (seconds >= 1e12 ? seconds : seconds * 1000) : 0,
  };
}
