import type { Catalog, CatalogPack, CatalogSubscription, PackBadge, Period, SubscriptionBadge } from '../../shared/schemas/catalog-types';
import { type PurchaseCheck, type PurchaseContext } from './can-purchase';
import { type StoreLabels } from './store-labels';
/**
 * The store view model: everything a store screen shows, computed once from the catalog by a pure function.
 * The Cocos components and the demo page only copy these strings into nodes.
 */
export interface StoreViewModel {
    /** The catalog is an older copy (source or network failed): the UI may say prices could be out of date. */
    stale: boolean;
    packs: PackView[];
    subscriptions: SubscriptionView[];
    pages: {
        discount: SubscriptionView | null;
        secret: SubscriptionView | null;
        trial: SubscriptionView | null;
        weekly: SubscriptionView | null;
        yearly: SubscriptionView | null;
    };
}
interface ItemView {
    /** Stable key for lists: the product id. */
    key: string;
    productId: string;
    priceText: string;
    /** The struck-through price, only when it is higher than `priceText`. */
    originalPriceText: string | null;
    /** Whole percent off, rounded down so the store never overstates a discount; 0 when none. */
    percentOff: number;
    percentOffText: string | null;
    badgeText: string | null;
    canPurchase: PurchaseCheck;
}
export interface PackView extends ItemView {
    kind: 'pack';
    badge: PackBadge | null;
    quantity: number;
    bonus: number;
    /** `500` or `500 + 50`. */
    quantityText: string;
    firstChargeOnly: boolean | null;
    /** The catalog item, to hand to `kit.purchase`. */
    item: CatalogPack;
}
export interface SubscriptionView extends ItemView {
    kind: 'subscription';
    badge: SubscriptionBadge | null;
    quantity: number;
    bonus: number;
    quantityText: string;
    period: Period | null;
    /** The server's wording when it sent one (`First week`), else ours (`Weekly`); null when unknown. */
    periodText: string | null;
    trialDays: number;
    trialText: string | null;
    /** Minor units per week and per day; computed from the period when the server sent 0. */
    perWeek: number;
    perDay: number;
    perWeekText: string | null;
    perDayText: string | null;
    /** What a period costs after the trial or intro offer, e.g. `$7.99/wk`. */
    renewalText: string | null;
    /** `$4.99 for 2 weeks, then $7.99/wk` for an intro offer; null otherwise. */
    introText: string | null;
    item: CatalogSubscription;
}
export interface StoreViewOptions extends PurchaseContext {
    /** Words to use instead of the English ones. @default ENGLISH_LABELS */
    labels?: StoreLabels;
    /**
     * The one currency this store sells in (`CNY` for a Chinese store): items priced in another are left out, so one
     * store never shows ¥ and $ side by side. A game selling in two currencies serves a catalog per region.
     * @default every item, whatever its currency
     */
    currency?: string;
}
export declare function buildStoreViewModel(catalog: Catalog, options?: StoreViewOptions): StoreViewModel;
/** Cheapest first; at one price, more diamonds first; then by product id so the order never flickers. */
export declare function sortPacks(packs: readonly CatalogPack[]): CatalogPack[];
/** By group (ungrouped last), cheapest first within a group, then by product id. */
export declare function sortSubscriptions(subs: readonly CatalogSubscription[]): CatalogSubscription[];
export {};
