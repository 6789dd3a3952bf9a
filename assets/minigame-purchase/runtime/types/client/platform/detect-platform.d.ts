import type { Platform, PlatformName } from './platform';
import type { PaymentOptions } from './payment-options';
/**
 * Which host we run in. QQ and Douyin are checked first because their runtimes may also expose a `wx` alias;
 * anything else is `web` (a browser, Node).
 */
export declare function detectPlatform(): PlatformName;
/**
 * What `createPlatform` says outside a mini-game. The web sandbox is not in the npm entry: a mini-game's release build
 * would ship it for nothing. The Cocos drop-in and the demo's runtime fall back to it themselves.
 */
export declare const NO_PLATFORM = "no wx, qq or tt here: in a browser pass createPurchaseKit({ platform: createWebPlatform() }), from 'minigame-purchase/web'";
/** The adapter of `name` (default: the detected host). Throws `NO_PLATFORM` for `web`, which only the caller can build. */
export declare function createPlatform(name?: PlatformName, payment?: PaymentOptions): Platform;
