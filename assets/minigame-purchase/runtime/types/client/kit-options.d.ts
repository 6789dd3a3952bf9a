import type { Platform, PlatformName } from './platform/platform';
import type { PaymentOptions } from './platform/payment-options';
import type { BackoffOptions } from './queue/backoff';
import type { GameContext } from './report/build-report';
import type { CatalogClient, CatalogClientDeps } from './catalog/catalog-client';
export interface PurchaseKitOptions {
    /** The relay's base URL, e.g. `https://pay.example.com` (no trailing slash needed). Required. */
    relayUrl: string;
    /** The game's mini-game appId. Required. */
    appId: string;
    /**
     * A platform name or a ready Platform (tests, custom hosts, the browser: `createWebPlatform()` from
     * `minigame-purchase/web`). @default detected: tt, qq or wx; elsewhere `createPurchaseKit` throws, saying what to
     * pass (the Cocos drop-in and the demo's runtime fall back to the web sandbox themselves)
     */
    platform?: PlatformName | Platform;
    /** Payment sheet options (offerId, env, zoneId, coinPrice). @default `{}` */
    payment?: PaymentOptions;
    /** Wrap the platform's own payment calls so a game that calls them directly is reported too. @default false */
    autoHook?: boolean;
    /** Player facts copied into every report; `kit.setGameContext()` changes them later. @default `{}` */
    gameContext?: GameContext;
    /** Reports per `POST /v1/purchases`. @default 50 */
    batchSize?: number;
    /** Retry delays after a failed flush. @default `{ baseMs: 1000, maxMs: 300000 }` */
    backoff?: BackoffOptions;
    /** Timeout of each relay request. @default 10000 */
    requestTimeoutMs?: number;
    /**
     * What `kit.getCatalog()` uses: `createCatalogClient` from `minigame-purchase/catalog`. A plug-in, so a game that
     * lists its own products ships none of the catalog (about 1.4 KB gzip). The Cocos drop-in and the demo's runtime
     * plug it in by default. @default none: `getCatalog()` rejects, saying what to pass
     */
    catalog?: (deps: CatalogClientDeps) => CatalogClient;
}
/** What `purchase()` needs of a product; a catalog pack (`CatalogPack`) fits as is. */
export interface PurchasableProduct {
    productId: string;
    /** Minor units of `currency`. */
    price: number;
    currency: string;
    /** Reported as `goodsName`. */
    name?: string;
    /** Midas `buyQuantity`. @default price / `payment.coinPrice` */
    buyQuantity?: number;
}
/** A payment made outside the platform (pay type 3), reported through the same queue. */
export interface ThirdPartyPurchase extends GameContext {
    /** @default a new order id */
    orderId?: string;
    productId: string;
    goodsName?: string;
    /** Minor units of `currency`. */
    amount: number;
    currency: string;
    /** ms since epoch. @default now */
    paidAt?: number;
}
