import { z } from 'zod';
/**
 * The purchase report: the one wire format the client sends and the relay parses (`POST /v1/purchases`).
 * Money is an integer in minor units of `currency`; times are ms since the epoch.
 */
/** An order id: the platform `outTradeNo`, 1..64 chars of `[A-Za-z0-9_-]`. */
export declare const ORDER_ID_PATTERN: RegExp;
/**
 * The range of `paidAt`: 2020-01-01 to 2100-01-01 UTC, inclusive. Every sink writes the time in a column of its
 * own (Hive a `YYYY-MM-DD HH:mm:ss` with a four-digit year): a number outside any sane calendar, such as 2^53 - 1,
 * became `NaN-NaN-NaN` and Hive refused the whole batch it travelled in. Below the range is a device clock reset
 * to the epoch, or seconds sent instead of ms. The relay further holds `paidAt` to a window of its own clock.
 */
export declare const PAID_AT_MIN: number;
export declare const PAID_AT_MAX: number;
export declare const DeviceFactsSchema: z.ZodObject<{
    type: z.ZodUnion<readonly [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]>;
    brand: z.ZodOptional<z.ZodString>;
    model: z.ZodOptional<z.ZodString>;
    os: z.ZodOptional<z.ZodString>;
    osVersion: z.ZodOptional<z.ZodString>;
    language: z.ZodOptional<z.ZodString>;
    platformVersion: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type DeviceFacts = z.infer<typeof DeviceFactsSchema>;
export declare const PurchaseReportSchema: z.ZodObject<{
    orderId: z.ZodString;
    appId: z.ZodString;
    uid: z.ZodString;
    productId: z.ZodString;
    goodsName: z.ZodOptional<z.ZodString>;
    amount: z.ZodNumber;
    currency: z.ZodString;
    payType: z.ZodUnion<readonly [z.ZodLiteral<2>, z.ZodLiteral<3>]>;
    paidAt: z.ZodNumber;
    zone: z.ZodOptional<z.ZodString>;
    gameUid: z.ZodOptional<z.ZodString>;
    gameNickname: z.ZodOptional<z.ZodString>;
    level: z.ZodOptional<z.ZodNumber>;
    playerId: z.ZodOptional<z.ZodString>;
    country: z.ZodOptional<z.ZodString>;
    serverId: z.ZodOptional<z.ZodString>;
    characterId: z.ZodOptional<z.ZodString>;
    device: z.ZodObject<{
        type: z.ZodUnion<readonly [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]>;
        brand: z.ZodOptional<z.ZodString>;
        model: z.ZodOptional<z.ZodString>;
        os: z.ZodOptional<z.ZodString>;
        osVersion: z.ZodOptional<z.ZodString>;
        language: z.ZodOptional<z.ZodString>;
        platformVersion: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
    netType: z.ZodOptional<z.ZodString>;
    scene: z.ZodOptional<z.ZodString>;
    sdkVersion: z.ZodString;
}, z.core.$strip>;
export type PurchaseReport = z.infer<typeof PurchaseReportSchema>;
/** At most this many reports in one `POST /v1/purchases`. */
export declare const MAX_REPORTS_PER_BATCH = 50;
