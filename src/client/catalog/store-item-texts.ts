import { ENGLISH_LABELS, type StoreLabels } from './store-labels';
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
export function storeItemTexts(view: PackView | SubscriptionView, unit?: string, labels: StoreLabels = ENGLISH_LABELS): StoreItemTexts {
  const blocked = view.canPurchase.ok ? null : view.canPurchase.reason;
  const badge = view.badgeText ?? view.percentOffText ?? '';
  let detail: string;
  if (view.kind === 'pack') {
    detail = view.percentOffText && view.badgeText ? view.percentOffText : '';
  } else {
    detail = view.trialText ?? view.introText ?? [view.periodText, view.perWeekText].filter(Boolean).join(' · ');
  }
  if (blocked) detail = labels.reasons[blocked];
  return {
    title: labels.title(view.quantityText, unit || labels.unit),
    price: view.priceText,
    originalPrice: view.originalPriceText ?? '',
    badge,
    detail,
    buyEnabled: blocked === null,
    buyText: blocked === 'purchase-in-progress' ? '…' : view.kind === 'subscription' && view.trialDays > 0 ? labels.tryFree : labels.buy,
  };
}

/** The store's one status line: loading, unavailable, the last result, out-of-date prices, the sandbox notice. */
export function storeStatusText(
  state: { status: 'loading' | 'ready' | 'unavailable'; error: string | null; lastResult: { message: string } | null; view: { stale: boolean } | null },
  sandbox: boolean,
  labels: StoreLabels = ENGLISH_LABELS,
): string {
  const parts: string[] = [];
  if (state.status === 'loading') parts.push(labels.loading);
  if (state.status === 'unavailable') parts.push(labels.unavailable(state.error ?? '?'));
  if (state.lastResult) parts.push(state.lastResult.message);
  if (state.view?.stale) parts.push(labels.stale);
  if (sandbox) parts.push(labels.sandbox);
  return parts.join(' · ');
}
