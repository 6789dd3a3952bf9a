import type { CannotPurchaseReason } from './can-purchase';
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

const REASON_TEXT: Record<CannotPurchaseReason, string> = {
  'limit-reached': 'Already bought',
  'platform-cannot-pay': 'Not available on this device',
  'trial-used': 'Trial already used',
  'user-state-unknown': 'Connect to check',
  'purchase-in-progress': 'Payment in progress',
  'not-for-sale': 'Not for sale',
};

export function storeItemTexts(view: PackView | SubscriptionView, unit = 'diamonds'): StoreItemTexts {
  const blocked = view.canPurchase.ok ? null : view.canPurchase.reason;
  const badge = view.badgeText ?? view.percentOffText ?? '';
  let detail: string;
  if (view.kind === 'pack') {
    detail = view.percentOffText && view.badgeText ? view.percentOffText : '';
  } else {
    detail = view.trialText ?? view.introText ?? [view.periodText, view.perWeekText].filter(Boolean).join(' · ');
  }
  if (blocked) detail = REASON_TEXT[blocked];
  return {
    title: `${view.quantityText} ${unit}`,
    price: view.priceText,
    originalPrice: view.originalPriceText ?? '',
    badge,
    detail,
    buyEnabled: blocked === null,
    buyText: blocked === 'purchase-in-progress' ? '…' : view.kind === 'subscription' && view.trialDays > 0 ? 'Try free' : 'Buy',
  };
}

/** The store's one status line: loading, unavailable, the last result, out-of-date prices, the sandbox notice. */
export function storeStatusText(
  state: { status: 'loading' | 'ready' | 'unavailable'; error: string | null; lastResult: { message: string } | null; view: { stale: boolean } | null },
  sandbox: boolean,
): string {
  const parts: string[] = [];
  if (state.status === 'loading') parts.push('Loading…');
  if (state.status === 'unavailable') parts.push(`Store unavailable: ${state.error ?? 'unknown error'}`);
  if (state.lastResult) parts.push(state.lastResult.message);
  if (state.view?.stale) parts.push('Prices may be out of date');
  if (sandbox) parts.push('SANDBOX: no real money is charged');
  return parts.join(' · ');
}
