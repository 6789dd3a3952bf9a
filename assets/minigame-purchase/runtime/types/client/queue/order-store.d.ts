import type { PlatformStorage } from '../platform/platform';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
/**
 * Orders in platform storage, one key per order (`mp:v1:o:<orderId>`) plus an index (`mp:v1:orders`). One key per
 * order keeps the write that makes a payment durable small and constant, whatever the backlog, and lets
 * "pending → queued" be a single `setStorageSync`.
 *
 * States: `p` pending (written before the payment sheet opens), `q` queued (paid, to report), `r` rejected by the
 * relay (kept aside with the reason, never resent blindly).
 */
export type OrderState = 'p' | 'q' | 'r';
/** A report before the session's openid is known: `uid` may be empty until it is sent. */
export type ReportDraft = PurchaseReport;
export interface StoredOrder {
    s: OrderState;
    r: ReportDraft;
    /** Why the relay rejected it. */
    e?: string;
}
export declare const STORAGE_PREFIX = "mp:v1:";
export interface OrderStore {
    get(id: string): StoredOrder | undefined;
    list(state?: OrderState): Array<[string, StoredOrder]>;
    /** Adds a new order: its own key first, then the index, so a crash in between leaves no dangling index entry. */
    add(id: string, order: StoredOrder): void;
    /** Rewrites one order in one storage write (pending → queued, queued → rejected). Memory follows storage. */
    put(id: string, order: StoredOrder): void;
    /** Keeps the order in memory only (storage refused it): it is still sent, and the caller says so loudly. */
    keepInMemory(id: string, order: StoredOrder): void;
    /** Removes orders (the relay has them): their keys first, then the index once for the whole batch. */
    remove(ids: string[]): void;
}
/** The orders `storage` holds, loaded now; then kept in memory and written through. */
export declare function createOrderStore(storage: PlatformStorage): OrderStore;
