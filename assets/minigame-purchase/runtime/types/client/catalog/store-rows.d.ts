import { type StoreItemTexts } from './store-item-texts';
import { type StoreLabels } from './store-labels';
import type { PackView, StoreViewModel, SubscriptionView } from './store-view-model';
export interface StoreRowOptions {
    /** What the game calls its currency. @default the labels' unit */
    unit?: string;
    /** @default English */
    labels?: StoreLabels;
    /** Also list subscriptions after the packs. @default true */
    listSubscriptions?: boolean;
}
/** One row of a store list: what to buy and every string it shows. */
export interface StoreRow {
    productId: string;
    view: PackView | SubscriptionView;
    texts: StoreItemTexts;
}
/**
 * The rows `PurchaseStore` lists, with their texts: one place that hands the same unit and labels to every title
 * (packs, subscriptions and the subscribe page's offers alike).
 */
export declare function storeRows(view: StoreViewModel, options?: StoreRowOptions): StoreRow[];
export declare function storeRow(view: PackView | SubscriptionView, options?: StoreRowOptions): StoreRow;
/** The two lines of a row in the store `PurchaseStore` builds when it has no item prefab. */
export declare function defaultRowLines(t: StoreItemTexts): {
    title: string;
    detail: string;
    button: string;
};
