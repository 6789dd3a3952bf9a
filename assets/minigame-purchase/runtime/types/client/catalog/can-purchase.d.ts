import type { CatalogPack, CatalogSubscription } from '../../shared/schemas/catalog-types';
/** Why an item cannot be bought now. The store greys the button out and can say why. */
export type CannotPurchaseReason = 
/** A first-charge pack this player has already bought. */
'limit-reached'
/** The platform cannot pay on this device (WeChat virtual payment on iOS, ...). */
 | 'platform-cannot-pay'
/** A free-trial subscription this player has already had. */
 | 'trial-used'
/** A per-player limit applies, but this copy of the catalog carries no per-player state (offline, stale). */
 | 'user-state-unknown'
/** Another payment sheet is open. */
 | 'purchase-in-progress'
/** Priced 0 and not a trial: nothing a payment sheet can charge. */
 | 'not-for-sale';
export type PurchaseCheck = {
    ok: true;
} | {
    ok: false;
    reason: CannotPurchaseReason;
};
export interface PurchaseContext {
    /** `platform.payment.cannotPayReason()`: set when this device cannot pay. @default undefined */
    cannotPayReason?: string;
    /** A purchase is already running. @default false */
    purchaseInProgress?: boolean;
}
/** Pure: whether `item` can be bought now, and if not, the first reason that applies. */
export declare function canPurchase(item: CatalogPack | CatalogSubscription, ctx?: PurchaseContext): PurchaseCheck;
