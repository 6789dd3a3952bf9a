// The client runtime a store loads (Cocos drop-in, demo page): the kit's public API, the catalog's and the web
// sandbox's, in one module. Built by rollup.config.js (the drop-in's runtime and the demo's IIFE).
import { createPurchaseKit as createKit } from '../create-purchase-kit';
import type { PurchaseKit } from '../create-purchase-kit';
import type { PurchaseKitOptions } from '../kit-options';
import { detectPlatform } from '../platform/detect-platform';
import { createWebPlatform } from '../platform/web';
import { createCatalogClient } from './catalog-client';

export * from '../index';
export * from './index';
export { createWebPlatform, SANDBOX_NOTICE } from '../platform/web';
export type { WebPlatformOptions } from '../platform/web';

/**
 * The kit as DESIGN.md shows it, for a store: the catalog client plugged in (`kit.getCatalog()` needs no `catalog`
 * option), and outside a mini-game (Cocos's browser preview, the demo page) the web sandbox. The npm entry leaves
 * both out, for games that list their own products and release builds that never run in a browser.
 */
export function createPurchaseKit(options: PurchaseKitOptions): PurchaseKit {
  const web = options.platform === 'web' || (options.platform === undefined && detectPlatform() === 'web');
  return createKit({ catalog: createCatalogClient, ...options, ...(web ? { platform: createWebPlatform() } : {}) });
}
