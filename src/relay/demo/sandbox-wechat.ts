import { randomInt } from 'node:crypto';
import { sha1SortedHex } from '../platforms/digests';
import { payEventSig, WECHAT_PAY_EVENTS } from '../platforms/wechat/pay-events';
import type { OrderRecord } from '../storage/payment-store';
import type { Storage } from '../storage/storage';

/**
 * The demo's sandbox WeChat: when the page's sandbox sheet is paid, it pushes `minigame_game_pay_goods_deliver_notify`
 * to the relay's own `/v1/notify/wechat/:appId`, signed exactly as WeChat signs (PayEventSig with the AppKey over
 * the raw Payload, the transport signature with the push Token: the relay's own functions), plain mode. The relay
 * proves the order as it would a real push. Nothing about money comes from the page: ActualPrice is the order's
 * amount as stored, and OpenId, ProductId and Quantity are the order's.
 */
export interface SandboxWechatKeys {
  /** The AppKey of the order's Env (the demo's orders are Env 0). */
  appKey: string;
  /** The message push Token. */
  token: string;
}

export interface BuiltWechatPush {
  /** `?signature&timestamp&nonce`. */
  search: string;
  /** The message (plain mode), the Payload inside as the exact string signed. */
  body: string;
}

/** The goods push WeChat would send for this order once paid, at `nowMs`. */
export function goodsPushFor(order: OrderRecord, keys: SandboxWechatKeys, nowMs: number): BuiltWechatPush {
  if (order.productId === null || order.amount === null) throw new Error(`order ${order.orderId} was not made by the relay (no product or amount)`);
  const event = WECHAT_PAY_EVENTS.events.goods;
  const payload = JSON.stringify({
    OpenId: order.uid,
    Env: order.env,
    OutTradeNo: order.orderId,
    GoodsInfo: {
      ProductId: order.productId,
      Quantity: order.quantity,
      ZoneId: '1',
      OrigPrice: order.amount,
      ActualPrice: order.amount,
      Attach: '',
      OrderSource: 1,
    },
    WeChatPayInfo: { MchOrderNo: digits(28), TransactionId: digits(28) },
  });
  const createTime = Math.floor(nowMs / 1000);
  const body = JSON.stringify({
    ToUserName: 'gh_demominigame',
    FromUserName: order.uid,
    CreateTime: createTime,
    MsgType: 'event',
    Event: event,
    MiniGame: { Payload: payload, PayEventSig: payEventSig(keys.appKey, event, payload), IsMock: false },
  });
  const timestamp = String(createTime);
  const nonce = digits(10);
  const signature = sha1SortedHex([keys.token, timestamp, nonce]);
  return { search: `?${new URLSearchParams({ signature, timestamp, nonce }).toString()}`, body };
}

export type SandboxPayResult =
  | { ok: true; status: number; answer: unknown }
  | { ok: false; status: 404 | 409; code: 'UNKNOWN_ORDER' | 'NOT_PENDING'; message: string };

/** Pushes the payment of one pending relay order of `appId` to the relay at `relayUrl`, as WeChat would. */
export async function pushSandboxPayment(
  o: { storage: Storage; relayUrl: string; appId: string; keys: SandboxWechatKeys; now?: () => number },
  orderId: string,
): Promise<SandboxPayResult> {
  const order = await o.storage.payments.getOrder(o.appId, orderId);
  if (!order || order.origin !== 'relay' || order.productId === null || order.amount === null) {
    return { ok: false, status: 404, code: 'UNKNOWN_ORDER', message: `no order ${orderId} made by the relay for ${o.appId}` };
  }
  // A paid order pushed again is what WeChat's retries do (the relay acknowledges it, delivers nothing twice).
  if (order.state !== 'pending' && order.state !== 'paid') {
    return { ok: false, status: 409, code: 'NOT_PENDING', message: `order ${orderId} is ${order.state}` };
  }
  const push = goodsPushFor(order, o.keys, (o.now ?? Date.now)());
  const res = await fetch(`${o.relayUrl}/v1/notify/wechat/${encodeURIComponent(o.appId)}${push.search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: push.body,
  });
  const text = await res.text();
  let answer: unknown = text;
  try {
    answer = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { ok: true, status: res.status, answer };
}

function digits(n: number): string {
  let s = String(randomInt(1, 10));
  while (s.length < n) s += String(randomInt(0, 10));
  return s;
}
