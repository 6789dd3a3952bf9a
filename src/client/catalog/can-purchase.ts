import type { CatalogPack, CatalogSubscription } from '../../shared/schemas/catalog-types';

/** Why an item cannot be bought now. The store greys the button out and can say why. */
export type CannotPurchaseReason =
  /** A first-charge pack this player has already bought. */
  | 'limit-reached'
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

export type PurchaseCheck = { ok: true } | { ok: false; reason: CannotPurchaseReason };

export interface PurchaseContext {
  /** `platform.payment.cannotPayReason()`: set when this device cannot pay. @default undefined */
  cannotPayReason?: string;
  /** A purchase is already running. @default false */
  purchaseInProgress?: boolean;
}

const OK: PurchaseCheck = { ok: true };

/** Pure: whether `item` can be bought now, and if not, the first reason that applies. */
export function canPurchase(item: CatalogPack | CatalogSubscription, ctx: PurchaseContext = {}): PurchaseCheck {
  if (ctx.cannotPayReason) return { ok: false, reason: 'platform-cannot-pay' };
  if (ctx.purchaseInProgress) return { ok: false, reason: 'purchase-in-progress' };
  if ('firstChargeOnly' in item) {
    if (item.firstChargeOnly === true && (item.purchaseCount ?? 0) >= 1) return { ok: false, reason: 'limit-reached' };
    if (item.firstChargeOnly === null && item.badge === 'first-charge') return { ok: false, reason: 'user-state-unknown' };
    if (item.price === 0) return { ok: false, reason: 'not-for-sale' };
    return OK;
  }
  if (item.trialDays > 0) {
    if (item.purchaseCount === null) return { ok: false, reason: 'user-state-unknown' };
    if (item.purchaseCount > 0) return { ok: false, reason: 'trial-used' };
    return OK;
  }
  if (item.price === 0) return { ok: false, reason: 'not-for-sale' };
  return OK;
}
