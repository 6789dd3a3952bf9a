import type { Catalog, CatalogPack, CatalogSubscription } from '../../shared/schemas/catalog-types';
import { applyLocalPurchases } from './local-purchases';
import { buildStoreViewModel, type PackView, type StoreViewModel, type SubscriptionView } from './store-view-model';
import { storeLabelsFor, type StoreLabels } from './store-labels';

/** What the store needs of the kit (`PurchaseKit` fits). */
export interface StoreKit {
  getCatalog(): Promise<Catalog>;
  purchase(product: (CatalogPack | CatalogSubscription) & { name?: string }): Promise<{
    status: 'paid' | 'cancelled' | 'failed';
    orderId: string;
    error?: { code?: string; message: string };
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
export function createStoreController(kit: StoreKit, options: StoreControllerOptions): StoreController {
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const labels = options.labels ?? storeLabelsFor(options.language);
  const bought = new Map<string, number>();
  let catalog: Catalog | null = null;
  let shown = '';
  let timer: unknown;
  let disposed = false;
  let current: StoreState = { status: 'loading', view: null, error: null, purchasing: null, lastResult: null };

  function emit(patch: Partial<StoreState>): void {
    if (disposed) return;
    const view = catalog
      ? buildStoreViewModel(applyLocalPurchases(catalog, bought), {
          labels,
          currency: options.currency,
          cannotPayReason: kit.cannotPayReason(),
          purchaseInProgress: (patch.purchasing !== undefined ? patch.purchasing : current.purchasing) !== null,
        })
      : null;
    const signature = view ? JSON.stringify(view, (k: string, v: unknown) => (k === 'item' ? undefined : v)) : '';
    const viewChanged = signature !== shown;
    shown = signature;
    current = { ...current, ...patch, view };
    options.onState(current, viewChanged);
  }

  async function load(): Promise<void> {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    try {
      catalog = await kit.getCatalog();
      emit({ status: 'ready', error: null });
      if (catalog.stale && !disposed) timer = setTimer(() => void load(), options.staleRetryMs ?? 3000);
    } catch (e) {
      if (catalog) emit({ status: 'ready' });
      else emit({ status: 'unavailable', error: (e as Error)?.message ?? String(e) });
    }
  }

  function find(productId: string): PackView | SubscriptionView | undefined {
    const v = current.view;
    if (!v) return undefined;
    const pages = [v.pages.discount, v.pages.secret, v.pages.trial, v.pages.weekly, v.pages.yearly];
    return [...v.packs, ...v.subscriptions, ...pages].find((i) => i?.productId === productId) ?? undefined;
  }

  return {
    load,
    async tap(productId) {
      const item = find(productId);
      if (!item || !item.canPurchase.ok || current.purchasing !== null) return undefined;
      emit({ purchasing: productId });
      let result: StoreResult;
      try {
        const name = labels.title(item.quantityText, options.unit || labels.unit).slice(0, 128);
        const r = await kit.purchase({ ...item.item, name });
        if (r.status === 'paid') bought.set(productId, (bought.get(productId) ?? 0) + 1);
        result = { productId, status: r.status, orderId: r.orderId, message: resultMessage(labels, r.status, item.priceText, r.error?.message) };
      } catch (e) {
        result = { productId, status: 'failed', orderId: '', message: resultMessage(labels, 'failed', item.priceText, (e as Error)?.message) };
      }
      emit({ purchasing: null, lastResult: result });
      return result;
    },
    state: () => current,
    dispose() {
      disposed = true;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
  };
}

function resultMessage(labels: StoreLabels, status: StoreResult['status'], priceText: string, error: string | undefined): string {
  if (status === 'paid') return labels.paid(priceText);
  if (status === 'cancelled') return labels.cancelled;
  return labels.failed(error);
}
