import { storeItemTexts, type StoreItemTexts } from './store-item-texts';
import { ENGLISH_LABELS, type StoreLabels } from './store-labels';
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
export function storeRows(view: StoreViewModel, options: StoreRowOptions = {}): StoreRow[] {
  const views = options.listSubscriptions === false ? view.packs : [...view.packs, ...view.subscriptions];
  return views.map((v) => storeRow(v, options));
}

export function storeRow(view: PackView | SubscriptionView, options: StoreRowOptions = {}): StoreRow {
  return { productId: view.productId, view, texts: storeItemTexts(view, options.unit, options.labels ?? ENGLISH_LABELS) };
}

/** The two lines of a row in the store `PurchaseStore` builds when it has no item prefab. */
export function defaultRowLines(t: StoreItemTexts): { title: string; detail: string; button: string } {
  const price = t.originalPrice ? `${t.price} (${t.originalPrice})` : t.price;
  return {
    title: t.badge ? `${t.title}  [${t.badge}]` : t.title,
    detail: [price, t.detail].filter(Boolean).join(' · '),
    button: t.buyText,
  };
}
