import type { PurchaseKit } from '../create-purchase-kit';
import type { PurchaseKitOptions } from '../kit-options';
export * from '../index';
export * from './index';
export { createWebPlatform, SANDBOX_NOTICE } from '../platform/web';
export type { WebPlatformOptions } from '../platform/web';
/**
 * The kit as DESIGN.md shows it, for a store: the catalog client plugged in (`kit.getCatalog()` needs no `catalog`
 * option), and outside a mini-game (Cocos's browser preview, the demo page) the web sandbox. The npm entry leaves
 * both out, for games that list their own products and release builds that never run in a browser.
 */
export declare function createPurchaseKit(options: PurchaseKitOptions): PurchaseKit;
