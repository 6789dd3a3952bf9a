import { z } from 'zod';
import { DeviceFactsSchema, PurchaseReportSchema } from './purchase-report';

/**
 * `POST /v1/orders`: the relay creates the order at the catalog price and signs what the platform needs. The
 * client sends only the product and the facts only the device knows; money never comes from the client.
 */

/** An order id the relay makes: at most 32 chars of `[A-Za-z0-9_-]`, never starting with `_` (WeChat outTradeNo). */
export const RELAY_ORDER_ID_PATTERN = /^[A-Za-z0-9-][A-Za-z0-9_-]{0,31}$/;

/** The report's non-money fields, as the order keeps them for the sinks. */
export const OrderContextSchema = PurchaseReportSchema.pick({
  goodsName: true,
  zone: true,
  gameUid: true,
  gameNickname: true,
  level: true,
  playerId: true,
  country: true,
  serverId: true,
  characterId: true,
  netType: true,
  scene: true,
})
  .extend({ device: DeviceFactsSchema.optional(), sdkVersion: z.string().max(32).optional() })
  .strip();
export type OrderContext = z.infer<typeof OrderContextSchema>;

export const OrderRequestSchema = z.object({
  productId: z.string().min(1).max(512),
  /** Units of the product bought. @default 1 */
  quantity: z.number().int().min(1).max(1000).default(1),
  context: OrderContextSchema.default({}),
});
export type OrderRequest = z.input<typeof OrderRequestSchema>;

/** WeChat item direct purchase: pass these three to `wx.requestMidasPaymentGameItem` as they are. */
export const MidasGameItemPaymentSchema = z.object({
  api: z.literal('requestMidasPaymentGameItem'),
  /** The exact JSON string that was signed: pass it as a string (an object fails with -15011). */
  signData: z.string(),
  paySig: z.string(),
  signature: z.string(),
});

/** WeChat game coins: pass these to `wx.requestMidasPayment` (minus `api`). */
export const MidasCoinsPaymentSchema = z.object({
  api: z.literal('requestMidasPayment'),
  mode: z.literal('game'),
  env: z.union([z.literal(0), z.literal(1)]),
  offerId: z.string(),
  currencyType: z.literal('CNY'),
  platform: z.literal('android'),
  buyQuantity: z.number().int().positive(),
  zoneId: z.string(),
  outTradeNo: z.string(),
});

/** QQ Midas: pass these to `qq.requestMidasPayment` (minus `api`); `prepayId` is the relay's GamePrePay answer. */
export const QqMidasPaymentSchema = z.object({
  api: z.literal('requestMidasPayment'),
  prepayId: z.string().min(1),
  /** Star currency (星币) charged. */
  starCurrency: z.number().int().positive(),
  /** 0 live, 1 sandbox, as the relay's config says (QQ's meaning of it is UNCONFIRMED). */
  setEnv: z.union([z.literal(0), z.literal(1)]).optional(),
});

/** Douyin game payment: pass these to `tt.requestGamePayment` (minus `api`). `customId` is the relay's order id. */
export const DouyinGamePaymentSchema = z.object({
  api: z.literal('requestGamePayment'),
  mode: z.literal('game'),
  env: z.literal(0),
  currencyType: z.literal('CNY'),
  platform: z.literal('android'),
  buyQuantity: z.number().int().positive(),
  zoneId: z.string(),
  customId: z.string(),
  extraInfo: z.string().max(256).optional(),
  /** 2: item purchase (base library 3.47.0), with `orderAmount`. */
  goodType: z.number().int().optional(),
  orderAmount: z.number().int().nonnegative().optional(),
});

/** WeChat's and QQ's `requestMidasPayment` share the `api` name: QQ's is the one with a `prepayId`. */
export const OrderPaymentSchema = z.union([MidasGameItemPaymentSchema, MidasCoinsPaymentSchema, QqMidasPaymentSchema, DouyinGamePaymentSchema]);
export type OrderPayment = z.infer<typeof OrderPaymentSchema>;

export const OrderResponseSchema = z.object({
  orderId: z.string(),
  productId: z.string(),
  /** Minor units of `currency`: the catalog unit price × quantity. */
  amount: z.number().int().nonnegative(),
  currency: z.string(),
  /** 0 live, 1 sandbox (never revenue). */
  env: z.union([z.literal(0), z.literal(1)]),
  payment: OrderPaymentSchema,
});
export type OrderResponse = z.infer<typeof OrderResponseSchema>;

/**
 * Error codes of `POST /v1/orders` a client acts on (every error body is `{error: {code, message, field?}}`).
 * `SESSION_KEY_STALE` (401): log in again and retry once. `ORDERS_NOT_ENABLED` (409): the game has no payment
 * config on the relay (`revenue: "reported"`): the client makes its own order id and pays as before.
 */
export const ORDER_ERROR_CODES = {
  sessionKeyStale: 'SESSION_KEY_STALE',
  notEnabled: 'ORDERS_NOT_ENABLED',
  unknownProduct: 'UNKNOWN_PRODUCT',
  notPayable: 'PRICE_NOT_PAYABLE',
} as const;
