import { createHash, randomBytes } from 'node:crypto';

/**
 * Builds Douyin game payment callbacks as Douyin signs them (`signature = sha1(join(sort([token, timestamp, nonce,
 * msg])))`, POST JSON `{timestamp, nonce, msg, signature}`), written from the spec's formula rather than from the
 * relay's code, and can tamper with them.
 */
export interface DouyinPayment {
  appId: string;
  /** `cp_orderno`: the relay's order id (`customId`). */
  orderId: string;
  /** @default "CNY" */
  currency?: string;
  /** Fen (CNY). */
  amountCent?: number;
  amountCoin?: number;
  openid?: string;
  /** Seconds. @default now */
  timestamp?: number;
}

export interface DouyinTamper {
  /** Sign with this token instead. */
  token?: string;
  /** Change the msg after signing (same order, another amount). */
  amountAfterSigning?: number;
  /** Upper-case hex signature (same digest). */
  upperCaseHex?: boolean;
}

export function sha1Sorted(parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

export function douyinCallback(token: string, p: DouyinPayment, t: DouyinTamper = {}): string {
  const msgOf = (amountCent: number | undefined) =>
    JSON.stringify({
      appid: p.appId, cp_orderno: p.orderId, cp_extra: '', order_no_channel: `dy${p.orderId.slice(0, 12)}`,
      ...(amountCent === undefined ? {} : { amount_cent: amountCent }), amount_coin: p.amountCoin ?? 0, currency: p.currency ?? 'CNY',
      ...(p.openid ? { openid: p.openid } : {}),
    });
  const timestamp = String(p.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const msg = msgOf(p.amountCent);
  let signature = sha1Sorted([t.token ?? token, timestamp, nonce, msg]);
  if (t.upperCaseHex) signature = signature.toUpperCase();
  const sent = t.amountAfterSigning === undefined ? msg : msgOf(t.amountAfterSigning);
  return JSON.stringify({ timestamp, nonce, msg: sent, signature, type: 'payment' });
}

export async function postCallback(url: string, body: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: res.status, body: parsed };
}
