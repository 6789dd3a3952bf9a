import type { PaymentCallSpec } from './minigame-adapter';
import type { PaymentOptions } from './payment-options';
import type { Clock, HookablePlatform } from './platform';
/** The only file that names the `tt` global (Douyin). */
export interface TtPlatformOptions {
    /** The Douyin API object. @default the `tt` global */
    api?: TTMinigame.Tt;
    /** `offerId` is not used on Douyin. @default `{}` */
    payment?: PaymentOptions;
    /** @default the host's timers and randomness */
    clock?: Clock;
}
export declare function ttAvailable(): boolean;
export declare function createTtPlatform(opts?: TtPlatformOptions): HookablePlatform;
export declare const TT_PAYMENT_CALLS: PaymentCallSpec[];
