import type { Platform } from './platform/platform';
import type { PurchaseKitOptions, PurchasableProduct, ThirdPartyPurchase } from './kit-options';
import type { GameContext } from './report/build-report';
import type { PurchaseResult } from './payment/purchase-flow';
import type { PurchaseReport } from '../shared/schemas/purchase-report';
import { PurchaseError } from './errors';
import type { CatalogClient } from './catalog/catalog-client';
export interface KitEvents {
    /** The relay has the report (`accepted`, or `duplicate`: it had it already). */
    reported: {
        orderId: string;
        status: 'accepted' | 'duplicate';
    };
    /** Something needs attention: a rejected report, storage full, the relay unreachable. */
    error: PurchaseError;
}
export interface RejectedReport {
    orderId: string;
    reason: string;
    report: PurchaseReport;
}
export interface PurchaseKit {
    readonly platform: Platform;
    /** `platform.login()` → `POST /v1/session`; the token is kept in storage. */
    login(): Promise<{
        openid: string;
    }>;
    /** The catalog (cached, stale-while-revalidate) through the relay, by the `catalog` option's client. */
    getCatalog(): ReturnType<CatalogClient['get']>;
    /**
     * Why this device cannot pay, as far as is known now (e.g. WeChat on an iOS device it does not support); `purchase()`
     * asks the platform again before any order.
     */
    cannotPayReason(): string | undefined;
    /**
     * `POST /v1/orders` (the relay's order id, amount and signed payment), the pending order in storage, the platform's
     * sheet with exactly the relay's values, then the report. A relay that makes no orders for this game (409
     * `ORDERS_NOT_ENABLED`) means the kit's own order id and `payment` options, until the next login.
     */
    purchase(product: PurchasableProduct, context?: GameContext): Promise<PurchaseResult>;
    /** Queues a payment made outside the platform (pay type 3). Throws InvalidReportError / StorageFullError. */
    reportPurchase(p: ThirdPartyPurchase): {
        orderId: string;
    };
    setGameContext(ctx: GameContext): void;
    on<K extends keyof KitEvents>(event: K, fn: (e: KitEvents[K]) => void): () => void;
    /** Sends every queued report now; never rejects (failures go to `on('error')` and a backoff timer). */
    flush(): Promise<void>;
    /** Reports the relay rejected, kept aside with the reason. */
    rejectedReports(): RejectedReport[];
    /** Reports waiting to be sent. */
    queuedCount(): number;
    /**
     * Orders whose payment sheet was open when an earlier run of the app died: the platform may or may not have
     * charged. The game's server can check with the platform and then call `settleUnconfirmed`.
     */
    unconfirmedOrders(): PurchaseReport[];
    /** `paid: true` queues the order's report (paid at the time the order was made); `false` forgets it. */
    settleUnconfirmed(orderId: string, paid: boolean): void;
    /** Stops timers and listeners and restores hooked payment calls; stored reports wait for the next start. */
    close(): void;
}
/** What `getCatalog()` says when no catalog client was plugged in. */
export declare const NO_CATALOG = "getCatalog() needs createPurchaseKit({ catalog: createCatalogClient }), from 'minigame-purchase/catalog'";
export declare function createPurchaseKit(options: PurchaseKitOptions): PurchaseKit;
