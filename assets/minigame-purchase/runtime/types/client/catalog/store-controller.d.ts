import type { Catalog, CatalogPack, CatalogSubscription } from '../../shared/schemas/catalog-types';
import { type StoreViewModel } from './store-view-model';
import { type StoreLabels } from './store-labels';
/** What the store needs of the kit (`PurchaseKit` fits). */
export interface StoreKit {
    getCatalog(): Promise<Catalog>;
    purchase(product: (CatalogPack | CatalogSubscription) & {
        name?: string;
    }): Promise<{
        status: 'paid' | 'cancelled' | 'failed';
        orderId: string;
        error?: {
            code?: string;
            message: string;
        };
    }>;
    cannotPayReason(): string | undefined;
}
export interface StoreResult {
    productId: string;
    status: 'paid' | 'cancelled' | 'failed';
    orderId: string;
    /** One line for the player: `Paid ¥9.99`, `Cancelled`, `Payment failed: ...`. */
    message: string;
}
export interface StoreState {
    /** `loading` until the first catalog; `unavailable` when there is none to show. */
    status: 'loading' | 'ready' | 'unavailable';
    view: StoreViewModel | null;
    /** Why the store is unavailable, when it is. */
    error: string | null;
    /** The product whose payment sheet is open. */
    purchasing: string | null;
    lastResult: StoreResult | null;
}
export interface StoreControllerOptions {
    /** Called on every state change; the component or page renders from it. */
    onState(state: StoreState, viewChanged: boolean): void;
    /** Every word the store writes. @default `storeLabelsFor(language)` */
    labels?: StoreLabels;
    /** The one currency the store sells in: items priced in another are left out (`StoreViewOptions.currency`). @default every item */
    currency?: string;
    /** The player's language (`zh_CN`, `en`): Chinese labels for `zh*`, English otherwise. @default English */
    language?: string;
    /** What the game calls its currency, in titles and the reported goods name (`500 diamonds`). @default the labels' unit */
    unit?: string;
    /** After a stale catalog, ask again this much later. @default 3000 */
    staleRetryMs?: number;
    /** Starts a timer (the component's `scheduleOnce`, the page's `setTimeout`). @default global setTimeout */
    setTimer?(fn: () => void, ms: number): unknown;
    /** Cancels what `setTimer` returned. @default global clearTimeout */
    clearTimer?(handle: unknown): void;
}
export interface StoreController {
    /** Loads (or reloads) the catalog; never rejects. */
    load(): Promise<void>;
    /** The player tapped buy. Resolves the result, or `undefined` when the item cannot be bought now. */
    tap(productId: string): Promise<StoreResult | undefined>;
    state(): StoreState;
    dispose(): void;
}
/**
 * The store's behaviour without any UI: load the catalog, build the view model, buy on tap (one sheet at a
 * time), show paid / cancelled / failed, retry a stale catalog, and re-render only when what is shown changed.
 * `PurchaseStore` (Cocos) and the demo page are thin bindings of it.
 */
export declare function createStoreController(kit: StoreKit, options: StoreControllerOptions): StoreController;
