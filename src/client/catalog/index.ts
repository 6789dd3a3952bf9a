// The catalog's public API, re-exported by the client runtime the demo and the Cocos drop-in load.
export { createCatalogClient, CATALOG_CACHE_KEY_PREFIX } from './catalog-client';
export type { CatalogClient, CatalogClientDeps } from './catalog-client';
export { CatalogUnavailableError } from './catalog-errors';
export { catalogProblem, isCatalog } from './catalog-guard';
export { buildStoreViewModel, sortPacks, sortSubscriptions } from './store-view-model';
export type { StoreViewModel, PackView, SubscriptionView, StoreViewOptions } from './store-view-model';
export { canPurchase } from './can-purchase';
export type { CannotPurchaseReason, PurchaseCheck, PurchaseContext } from './can-purchase';
export { formatPrice } from './format-price';
export type { FormatPriceOptions } from './format-price';
export { ENGLISH_LABELS, CHINESE_LABELS, storeLabelsFor } from './store-labels';
export type { StoreLabels } from './store-labels';
export { createStoreController } from './store-controller';
export type { StoreController, StoreControllerOptions, StoreKit, StoreResult, StoreState } from './store-controller';
export { storeItemTexts, storeStatusText } from './store-item-texts';
export type { StoreItemTexts } from './store-item-texts';
export { storeRows, storeRow, defaultRowLines } from './store-rows';
export type { StoreRow, StoreRowOptions } from './store-rows';
export { applyLocalPurchases } from './local-purchases';
export type {
  Catalog,
  CatalogPack,
  CatalogSubscription,
  PackBadge,
  SubscriptionBadge,
  Period,
} from '../../shared/schemas/catalog-types';
