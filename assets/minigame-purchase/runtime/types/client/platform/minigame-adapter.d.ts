import type { Clock, HookablePlatform, HookedPayment, PaymentOutcome, PlatformName, PlatformPayment } from './platform';
import type { CollectedFacts } from '../device/device-facts';
/**
 * What wx, qq and tt share (QQ and Douyin copied WeChat's API), typed by WeChat's typings. The adapters pass their
 * global in; this file never names one.
 */
export type MinigameApi = MinigameShared.Api;
/** One payment call of a platform that autoHook wraps. */
export interface PaymentCallSpec {
    method: string;
    /** Reads (and, for a missing order id, completes) the call's options; undefined when it cannot be reported. */
    describe(options: Record<string, unknown>, newOrderId: () => string): HookedPayment | undefined;
}
export interface MinigameAdapterSpec {
    name: PlatformName;
    api: MinigameApi;
    payment(facts: () => CollectedFacts): PlatformPayment;
    hookable: PaymentCallSpec[];
    clock?: Clock;
}
export declare function createMinigamePlatform(spec: MinigameAdapterSpec): HookablePlatform;
/** A fail result as an outcome; the kit decides cancel vs failure from `errCode` with the platform's table. */
export declare function failure(e: {
    errCode?: number;
    errMsg?: string;
} | undefined): PaymentOutcome;
/** Timers and randomness of the host; crypto.getRandomValues when the runtime has it. */
export declare function defaultClock(): Clock;
