import type { MinigameApi, PaymentCallSpec } from './minigame-adapter';
import type { PaymentOptions } from './payment-options';
import type { Clock, HookablePlatform } from './platform';
/** The only file that names the `wx` global. */
export type WxApi = MinigameApi & Partial<MinigameShared.WxPayments>;
export interface WxPlatformOptions {
    /** The WeChat API object. @default the `wx` global */
    api?: WxApi;
    /** @default `{}` (see PaymentOptions for each default) */
    payment?: PaymentOptions;
    /** @default the host's timers, `Date.now` and `crypto.getRandomValues` */
    clock?: Clock;
}
export declare function wxAvailable(): boolean;
export declare function createWxPlatform(opts?: WxPlatformOptions): HookablePlatform;
/** The WeChat payment calls autoHook wraps, and how each names its order. */
export declare const WX_PAYMENT_CALLS: PaymentCallSpec[];
