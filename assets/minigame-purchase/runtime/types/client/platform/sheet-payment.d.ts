import type { PaymentRequest, PlatformPayment } from './platform';
import type { CollectedFacts } from '../device/device-facts';
import type { PaymentCallSpec } from './minigame-adapter';
import type { PaymentOptions } from './payment-options';
export type Callbacks = {
    success(): void;
    fail(e: {
        errCode?: number;
        errMsg?: string;
    }): void;
};
/**
 * A payment sheet driven by a callback-style platform call (`requestMidasPayment`, `requestGamePayment`). Midas and
 * Douyin game payment accept `platform: 'android'` only, so an iOS device is told before any sheet opens, unless
 * `askIos` can ask the platform (WeChat's `checkIsSupportMidasPayment`): then iOS pays when the platform says so.
 */
export declare function createSheetPayment(label: string, facts: () => CollectedFacts, open: ((req: PaymentRequest, cb: Callbacks) => void) | undefined, askIos?: (answer: (allowed: boolean) => void) => void): PlatformPayment;
/** `requestMidasPayment` options (WeChat and QQ take the same): game currency, CNY, Android, our order id. */
export declare function midasOptions(req: PaymentRequest, pay: PaymentOptions, cb: Callbacks): {
    mode: "game";
    env: 0 | 1;
    offerId: string;
    currencyType: "CNY";
    platform: "android";
    buyQuantity: number;
    zoneId: string;
    outTradeNo: string;
    success: () => void;
    fail: (e: {
        errCode?: number;
        errMsg?: string;
    }) => void;
};
/** autoHook of `requestMidasPayment` (WeChat and QQ). */
export declare const MIDAS_CALL: PaymentCallSpec;
