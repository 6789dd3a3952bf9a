import { z } from 'zod';
import { hexEquals, hmacSha256Hex } from '../digests';

/**
 * The payment push events of WeChat mini-games (MP console message push, data format JSON), after the transport
 * signature and, in safe mode, the decryption. `MiniGame.Payload` is a JSON **string** signed as it arrived:
 * `PayEventSig = hex(HMAC_SHA256(AppKey[Env], Event + "&" + Payload))`, so the raw string is verified before it
 * is parsed, and never serialised again.
 */

/**
 * The platform facts this file depends on, in one place, with how sure the spec is of each. Change a fact here,
 * not in the code below.
 */
export const WECHAT_PAY_EVENTS = {
  events: {
    /** Item bought with `requestMidasPaymentGameItem`. Retried 15 s, 15 s, 30 s, 3 min … 6 h until acknowledged. */
    goods: 'minigame_game_pay_goods_deliver_notify',
    /** Game coins credited (`requestMidasPayment`). */
    coins: 'minigame_coin_deliver_completed',
    /** Refund of coins or an item. 13 retries over 12 h. */
    refund: 'minigame_pay_refund_succ_notify',
  },
  /** The body that acknowledges a push (stops the retries). */
  acknowledgement: { ErrCode: 0, ErrMsg: 'Success' },
  /** `Env` values: 0 live, 1 sandbox. Sandbox is never revenue. */
  env: { live: 0, sandbox: 1 },
  /** The separator of the signed string `Event + "&" + Payload`. */
  signatureSeparator: '&',
  /**
   * Coin pushes: the docs name the paid amount `ActualPrice`, their examples show `TotalPrice`. UNCONFIRMED which
   * one WeChat sends: both are accepted, `ActualPrice` first.
   */
  coinPriceFields: ['ActualPrice', 'TotalPrice'],
  /**
   * UNCONFIRMED: what WeChat signs a mock push (`IsMock: true`, the console's test tool) with. A mock is checked
   * for field types only, acknowledged, and never counted.
   */
  mockIsSigned: false,
} as const;

export type PayEventName = (typeof WECHAT_PAY_EVENTS.events)[keyof typeof WECHAT_PAY_EVENTS.events];
const EVENT_KIND: Record<string, 'goods' | 'coins' | 'refund'> = {
  [WECHAT_PAY_EVENTS.events.goods]: 'goods',
  [WECHAT_PAY_EVENTS.events.coins]: 'coins',
  [WECHAT_PAY_EVENTS.events.refund]: 'refund',
};

/**
 * Integers WeChat sends as JSON numbers; a string of digits is accepted too, since the docs show only examples.
 * Fen amounts stay far below 2^53.
 */
const Int = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,15}$/).transform(Number)]);
const Env = z.union([z.literal(0), z.literal(1)]);
const Text = z.string().min(1).max(256);
/** ZoneId is a string in the client call; accept a number and keep it as text. */
const ZoneId = z.union([z.string().max(64), z.number().int()]).transform(String);

/** The push message itself (the JSON body, or the decrypted `Encrypt` of safe mode). */
export const PushMessageSchema = z.object({
  ToUserName: z.string(),
  FromUserName: z.string(),
  /** Seconds. */
  CreateTime: Int,
  MsgType: z.literal('event'),
  Event: z.string().min(1),
  MiniGame: z.object({
    /** A JSON string, signed as it is. */
    Payload: z.string().min(2),
    PayEventSig: z.string(),
    IsMock: z.boolean().optional(),
  }),
});
export type PushMessage = z.infer<typeof PushMessageSchema>;

const WeChatPayInfoSchema = z.object({ MchOrderNo: z.string().optional(), TransactionId: z.string().optional() });

/** `minigame_game_pay_goods_deliver_notify`. Only what revenue needs is required. */
export const GoodsDeliverPayloadSchema = z.object({
  OpenId: Text,
  Env,
  OutTradeNo: Text,
  GoodsInfo: z.object({
    ProductId: Text,
    Quantity: Int,
    ZoneId: ZoneId.optional(),
    OrigPrice: Int.optional(),
    /** Fen actually paid. */
    ActualPrice: Int,
    Attach: z.string().optional(),
    OrderSource: z.union([z.number(), z.string()]).optional(),
  }),
  WeChatPayInfo: WeChatPayInfoSchema.optional(),
});
export type GoodsDeliverPayload = z.infer<typeof GoodsDeliverPayloadSchema>;

/** `minigame_coin_deliver_completed`: the price is `ActualPrice` or `TotalPrice` (see WECHAT_PAY_EVENTS). */
export const CoinDeliverPayloadSchema = z.object({
  OpenId: Text,
  OutTradeNo: Text,
  Env,
  WeChatPayInfo: WeChatPayInfoSchema.optional(),
  CoinInfo: z
    .object({
      ZoneId: ZoneId.optional(),
      ActualPrice: Int.optional(),
      TotalPrice: Int.optional(),
      BuyQuantity: Int,
      OrigPrice: Int.optional(),
    })
    .refine((c) => c.ActualPrice !== undefined || c.TotalPrice !== undefined, {
      message: 'CoinInfo needs ActualPrice or TotalPrice',
    }),
});
export type CoinDeliverPayload = z.infer<typeof CoinDeliverPayloadSchema>;

/** `minigame_pay_refund_succ_notify`. `RefundSource` is optional: its type is not documented and a refund must not be lost over it. */
export const RefundPayloadSchema = z.object({
  OpenId: Text.optional(),
  RefundId: Text,
  /** Fen refunded. */
  RefundAmount: Int,
  RefundSource: z.union([z.number(), z.string()]).optional(),
  Env,
  OutTradeNo: Text,
});
export type RefundPayload = z.infer<typeof RefundPayloadSchema>;

const PAYLOAD_SCHEMA = { goods: GoodsDeliverPayloadSchema, coins: CoinDeliverPayloadSchema, refund: RefundPayloadSchema };

interface Paid {
  /** 0 live, 1 sandbox (never revenue). */
  env: 0 | 1;
  openId: string;
  outTradeNo: string;
  quantity: number;
  /** Fen paid. */
  actualPrice: number;
  origPrice?: number;
  zoneId?: string;
  /** The push's `CreateTime`, converted to epoch milliseconds. */
  createTime: number;
  transactionId?: string;
  mchOrderNo?: string;
}

export type PayEvent =
  | ({ kind: 'goods'; productId: string; attach?: string } & Paid)
  | ({ kind: 'coins' } & Paid)
  | {
      kind: 'refund';
      env: 0 | 1;
      outTradeNo: string;
      refundId: string;
      /** Fen refunded. */
      refundAmount: number;
      refundSource?: number | string;
      openId?: string;
      /** Epoch milliseconds. */
      createTime: number;
    }
  /** `IsMock: true` with well-typed fields: acknowledge, never count. */
  | { kind: 'mock'; event: PayEventName }
  /** PayEventSig is not the HMAC of the raw Payload under the AppKey of the Payload's Env (or that key is not configured). */
  | { kind: 'bad-signature' }
  | { kind: 'malformed'; reason: string }
  /** Another event (not a payment event): acknowledge and ignore. */
  | { kind: 'ignored'; event: string };

/** The AppKeys of one game: `live` for Env 0, `sandbox` for Env 1. */
export interface PayEventKeys {
  live: string;
  sandbox?: string;
}

/** `hex(HMAC_SHA256(appKey, event + "&" + payload))`: what WeChat puts in `PayEventSig`. */
export function payEventSig(appKey: string, event: string, payload: string): string {
  return hmacSha256Hex(appKey, `${event}${WECHAT_PAY_EVENTS.signatureSeparator}${payload}`);
}

function issues(error: z.ZodError): string {
  // Paths and zod's own messages only: never the values, which a caller might log.
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Reads one push message (already JSON-parsed). Pure and total: never throws. Order of checks: the event name
 * (other events are `ignored`), the envelope, the Payload's JSON and its `Env`, then the signature over the raw
 * Payload with that Env's key, and only then the event's fields, so a tampered push is `bad-signature`.
 */
export function readPayEvent(messageJson: unknown, keys: PayEventKeys): PayEvent {
  const head = z.object({ MsgType: z.string(), Event: z.string() }).safeParse(messageJson);
  if (!head.success) return { kind: 'malformed', reason: `message: ${issues(head.error)}` };
  const kind = EVENT_KIND[head.data.Event];
  if (head.data.MsgType !== 'event' || kind === undefined) return { kind: 'ignored', event: head.data.Event };
  const event = head.data.Event as PayEventName;

  const message = PushMessageSchema.safeParse(messageJson);
  if (!message.success) return { kind: 'malformed', reason: `message: ${issues(message.error)}` };
  const { Payload, PayEventSig, IsMock } = message.data.MiniGame;

  let payloadJson: unknown;
  try {
    payloadJson = JSON.parse(Payload);
  } catch {
    return { kind: 'malformed', reason: 'Payload is not JSON' };
  }
  const schema = PAYLOAD_SCHEMA[kind];

  if (IsMock === true) {
    const mock = schema.safeParse(payloadJson);
    return mock.success ? { kind: 'mock', event } : { kind: 'malformed', reason: `mock Payload: ${issues(mock.error)}` };
  }

  const env = z.object({ Env }).safeParse(payloadJson);
  if (!env.success) return { kind: 'malformed', reason: `Payload: ${issues(env.error)}` };
  const key = env.data.Env === WECHAT_PAY_EVENTS.env.live ? keys.live : keys.sandbox;
  if (key === undefined || key === '') return { kind: 'bad-signature' };
  if (!hexEquals(payEventSig(key, event, Payload), PayEventSig)) return { kind: 'bad-signature' };

  const createTime = message.data.CreateTime * 1000;
  switch (kind) {
    case 'goods': {
      const p = GoodsDeliverPayloadSchema.safeParse(payloadJson);
      if (!p.success) return { kind: 'malformed', reason: `Payload: ${issues(p.error)}` };
      const g = p.data.GoodsInfo;
      return {
        kind: 'goods',
        env: p.data.Env,
        openId: p.data.OpenId,
        outTradeNo: p.data.OutTradeNo,
        productId: g.ProductId,
        quantity: g.Quantity,
        actualPrice: g.ActualPrice,
        ...defined({ origPrice: g.OrigPrice, zoneId: g.ZoneId, attach: g.Attach }),
        createTime,
        ...defined({ transactionId: p.data.WeChatPayInfo?.TransactionId, mchOrderNo: p.data.WeChatPayInfo?.MchOrderNo }),
      };
    }
    case 'coins': {
      const p = CoinDeliverPayloadSchema.safeParse(payloadJson);
      if (!p.success) return { kind: 'malformed', reason: `Payload: ${issues(p.error)}` };
      const c = p.data.CoinInfo;
      return {
        kind: 'coins',
        env: p.data.Env,
        openId: p.data.OpenId,
        outTradeNo: p.data.OutTradeNo,
        quantity: c.BuyQuantity,
        // The refine guarantees one of them.
        actualPrice: (c.ActualPrice ?? c.TotalPrice) as number,
        ...defined({ origPrice: c.OrigPrice, zoneId: c.ZoneId }),
        createTime,
        ...defined({ transactionId: p.data.WeChatPayInfo?.TransactionId, mchOrderNo: p.data.WeChatPayInfo?.MchOrderNo }),
      };
    }
    case 'refund': {
      const p = RefundPayloadSchema.safeParse(payloadJson);
      if (!p.success) return { kind: 'malformed', reason: `Payload: ${issues(p.error)}` };
      return {
        kind: 'refund',
        env: p.data.Env,
        outTradeNo: p.data.OutTradeNo,
        refundId: p.data.RefundId,
        refundAmount: p.data.RefundAmount,
        ...defined({ refundSource: p.data.RefundSource, openId: p.data.OpenId }),
        createTime,
      };
    }
  }
}

/** The entries whose value is not undefined, so results compare with `toEqual` and carry no empty keys. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
