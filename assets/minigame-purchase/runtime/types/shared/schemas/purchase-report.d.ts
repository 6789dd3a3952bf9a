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
export type DeviceFacts = {
    type: 3 | 1 | 2;
    brand?: string | undefined;
    model?: string | undefined;
    os?: string | undefined;
    osVersion?: string | undefined;
    language?: string | undefined;
    platformVersion?: string | undefined;
};
export type PurchaseReport = {
    orderId: string;
    appId: string;
    uid: string;
    productId: string;
    amount: number;
    currency: string;
    payType: 3 | 2;
    paidAt: number;
    device: {
        type: 3 | 1 | 2;
        brand?: string | undefined;
        model?: string | undefined;
        os?: string | undefined;
        osVersion?: string | undefined;
        language?: string | undefined;
        platformVersion?: string | undefined;
    };
    sdkVersion: string;
    goodsName?: string | undefined;
    zone?: string | undefined;
    gameUid?: string | undefined;
    gameNickname?: string | undefined;
    level?: number | undefined;
    playerId?: string | undefined;
    country?: string | undefined;
    serverId?: string | undefined;
    characterId?: string | undefined;
    netType?: string | undefined;
    scene?: string | undefined;
};
/** At most this many reports in one `POST /v1/purchases`. */
export declare const MAX_REPORTS_PER_BATCH = 50;
