import { type StoreLabels } from './store-labels';
import type { PackView, SubscriptionView } from './store-view-model';
/** What one store row shows, as plain strings: `StoreItem` copies them into labels. */
export interface StoreItemTexts {
    title: string;
    price: string;
    /** Struck-through original price, `''` when none. */
    originalPrice: string;
    /** Badge, or `-37%` when there is a discount and no badge; `''` hides the badge node. */
    badge: string;
    /** The second line: per-week price, trial, intro offer, or why it cannot be bought. */
    detail: string;
    buyEnabled: boolean;
    buyText: string;
}
/** `unit` is what the game calls its currency (default: the labels' own, `diamonds` / `钻石`). */
export declare function storeItemTexts(view: PackView | SubscriptionView, unit?: string, labels?: StoreLabels): StoreItemTexts;
/** The store's one status line: loading, unavailable, the last result, out-of-date prices, the sandbox notice. */
export declare function storeStatusText(state: {
    status: 'loading' | 'ready' | 'unavailable';
    error: string | null;
    lastResult: {
        message: string;
    } | null;
    view: {
        stale: boolean;
    } | null;
}, sandbox: boolean, labels?: StoreLabels): string;
