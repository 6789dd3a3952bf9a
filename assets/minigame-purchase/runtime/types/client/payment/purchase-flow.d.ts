import type { Platform } from '../platform/platform';
import { type OrderStore } from '../queue/order-store';
import type { PurchasableProduct } from '../kit-options';
import type { GameContext } from '../report/build-report';
import type { OrderClient } from './relay-order';
import { PurchaseError } from '../errors';
export interface PurchaseResult {
    status: 'paid' | 'cancelled' | 'failed';
    /** The order's id (the relay's when it made the order); `''` when it failed before any order existed. */
    orderId: string;
    /** Why it failed; on `paid`, set only when the report could not be made durable (storage full). */
    error?: PurchaseError;
    /** The platform's raw fail `errCode`, when there was one. */
    errCode?: number;
}
export interface PurchaseDeps {
    platform: Platform;
    store: OrderStore;
    appId: string;
    uid(): string;
    context(): GameContext;
    coinPrice: number;
    /** `POST /v1/orders`: the relay's order and signed payment, when the relay makes orders for this game. */
    orders: OrderClient;
    /** The platform said the relay signed with an expired session_key (WeChat -15015): log in before the next order. */
    sessionStale(): void;
    /** The order is queued (paid): send it. */
    queued(): void;
    error(e: PurchaseError): void;
}
/**
 * One purchase: the order (the relay's, else our own id), the pending order in storage before the sheet opens, the
 * sheet, and on success the order becomes a queued report in the same storage write. Nothing is stored and no sheet
 * opens until there is an order the platform can be asked to charge exactly.
 */
export declare function createPurchaseFlow(deps: PurchaseDeps): (product: PurchasableProduct, ctx?: GameContext) => Promise<PurchaseResult>;
/** Pending → queued in one storage write; if storage refuses, the report is still sent from memory and we say so. */
export declare function paid(deps: Pick<PurchaseDeps, 'store' | 'queued' | 'error'>, orderId: string, paidAt: number): PurchaseResult;
