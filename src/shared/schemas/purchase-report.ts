import { z } from 'zod';
import { isKnownCurrency } from '../money/currencies';

/**
 * The purchase report: the one wire format the client sends and the relay parses (`POST /v1/purchases`).
 * Money is an integer in minor units of `currency`; times are ms since the epoch.
 */

/** An order id: the platform `outTradeNo`, 1..64 chars of `[A-Za-z0-9_-]`. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The range of `paidAt`: 2020-01-01 to 2100-01-01 UTC, inclusive. Every sink writes the time in a column of its
 * own (Hive a `YYYY-MM-DD HH:mm:ss` with a four-digit year): a number outside any sane calendar, such as 2^53 - 1,
 * became `NaN-NaN-NaN` and Hive refused the whole batch it travelled in. Below the range is a device clock reset
 * to the epoch, or seconds sent instead of ms. The relay further holds `paidAt` to a window of its own clock.
 */
export const PAID_AT_MIN = Date.UTC(2020, 0, 1);
export const PAID_AT_MAX = Date.UTC(2100, 0, 1);

export const DeviceFactsSchema = z.object({
  /** 1 other, 2 iOS, 3 Android (Tianmu's `device_type`). */
  type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  brand: z.string().max(64).optional(),
  model: z.string().max(128).optional(),
  os: z.string().max(32).optional(),
  osVersion: z.string().max(64).optional(),
  language: z.string().max(32).optional(),
  /** The mini-game base library (SDKVersion) or browser version. */
  platformVersion: z.string().max(64).optional(),
});
export type DeviceFacts = z.infer<typeof DeviceFactsSchema>;

export const PurchaseReportSchema = z.object({
  orderId: z.string().regex(ORDER_ID_PATTERN, 'orderId must be 1..64 chars of [A-Za-z0-9_-]'),
  appId: z.string().min(1).max(64),
  uid: z.string().min(1).max(128),
  productId: z.string().min(1).max(512),
  goodsName: z.string().max(128).optional(),
  amount: z.number().int('amount must be an integer in minor units').nonnegative().max(1e12),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code').refine(isKnownCurrency, 'unknown ISO 4217 currency'),
  /** 2 platform payment (Midas / virtual payment), 3 third-party. */
  payType: z.union([z.literal(2), z.literal(3)]),
  paidAt: z.number().int().min(PAID_AT_MIN, 'paidAt must be ms since the epoch, from 2020 to 2100').max(PAID_AT_MAX, 'paidAt must be ms since the epoch, from 2020 to 2100'),
  zone: z.string().max(64).optional(),
  gameUid: z.string().max(128).optional(),
  gameNickname: z.string().max(128).optional(),
  level: z.number().int().nonnegative().optional(),
  playerId: z.string().max(128).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
  serverId: z.string().max(32).optional(),
  characterId: z.string().max(64).optional(),
  device: DeviceFactsSchema,
  netType: z.string().max(16).optional(),
  scene: z.string().max(32).optional(),
  sdkVersion: z.string().max(32),
});
export type PurchaseReport = z.infer<typeof PurchaseReportSchema>;

/** At most this many reports in one `POST /v1/purchases`. */
export const MAX_REPORTS_PER_BATCH = 50;
