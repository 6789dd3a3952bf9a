import type { PaymentCallSpec } from './minigame-adapter';
import type { PaymentOptions } from './payment-options';
import type { Clock, HookablePlatform } from './platform';
/** The only file that names the `qq` global. */
export interface QqPlatformOptions {
    /** The QQ API object. @default the `qq` global */
    api?: QQMinigame.Qq;
    /** @default `{}` (see PaymentOptions for each default) */
    payment?: PaymentOptions;
    /** @default the host's timers and randomness */
    clock?: Clock;
}
export declare function qqAvailable(): boolean;
export declare function createQqPlatform(opts?: QqPlatformOptions): HookablePlatform;
export declare const QQ_PAYMENT_CALLS: PaymentCallSpec[];
