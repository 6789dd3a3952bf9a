import type { PlatformStorage } from '../platform/platform';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
/**
 * Orders in platform storage, one key per order (`mp:v1:o:<orderId>`) plus an index (`mp:v1:orders`). One key per
 * order keeps the write that makes a payment durable small and constant, whatever the backlog, and lets
 * "pending → queued" be a single `setStorageSync`.
 *
 * Write order: the index lists an order before its key is first written, and keys are removed before the index
 * drops them. The key is the commit point: a kill between the two writes leaves an index entry without a key (skipped
 * at load, gone at the next index write), never a key the index does not list. So the paid transition stays one write
 * (the key) for an order that was written ahead, and one that was not (storage refused it) gets its index entry first.
 *
 * An orphan (a key the index does not list) is therefore left only by an earlier version, which wrote the key first.
 * At start, where `storage.keys()` exists, a pending orphan is deleted: the sheet opens only after both writes, so a
 * kill in between charged nothing. A queued or rejected orphan holds a report the player paid for: it is adopted
 * (indexed and sent), never dropped. With an unreadable index nothing is deleted, since any order could be missing
 * from it. Unreadable orphans are left alone: nothing tells what they held.
 *
 * States: `p` pending (written before the payment sheet opens), `q` queued (paid, to report), `r` rejected by the
 * relay (kept aside with the reason, never resent blindly).
 */
export declare const ORDER_STATE: {
    readonly pending: "p";
    readonly queued: "q";
    readonly rejected: "r";
};
/** As stored: one letter each (the keys live in the platform's 10 MB; existing installs hold these letters). */
export type OrderState = (typeof ORDER_STATE)[keyof typeof ORDER_STATE];
/** A report before the session's openid is known: `uid` may be empty until it is sent. */
export type ReportDraft = PurchaseReport;
export interface StoredOrder {
    s: OrderState;
    r: ReportDraft;
    /** Why the relay rejected it. */
    e?: string;
}
export interface OrderStore {
    get(id: string): StoredOrder | undefined;
    list(state?: OrderState): Array<[string, StoredOrder]>;
    /** Adds a new order (pending, or queued when already paid): the index first, then its key (the write order above). */
    add(id: string, order: StoredOrder): void;
    /**
     * Pending → queued, paid at `paidAt`: the one storage write of the platform's success callback. The order was
     * serialised when it was added, so this writes a concatenation (no JSON work, no index write).
     */
    markPaid(id: string, paidAt: number): void;
    /** Rewrites one order in one storage write (queued → rejected, pending → queued). Memory follows storage. */
    put(id: string, order: StoredOrder): void;
    /** Keeps the order in memory only (storage refused it): it is still sent, and the caller says so loudly. */
    keepInMemory(id: string, order: StoredOrder): void;
    /** Removes orders (the relay has them): their keys first, then the index once for the whole batch. */
    remove(ids: string[]): void;
}
/** The orders `storage` holds, loaded now (orphans swept); then kept in memory and written through. */
export declare function createOrderStore(storage: PlatformStorage): OrderStore;
