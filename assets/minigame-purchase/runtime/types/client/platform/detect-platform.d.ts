import type { Platform, PlatformName } from './platform';
import type { PaymentOptions } from './payment-options';
/**
 * Which host we run in. QQ and Douyin are checked first because their runtimes may also expose a `wx` alias;
 * anything else is the web sandbox.
 */
export declare function detectPlatform(): PlatformName;
export declare function createPlatform(name?: PlatformName, payment?: PaymentOptions): Platform;
