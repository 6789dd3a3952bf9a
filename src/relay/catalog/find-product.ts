import type { Catalog, CatalogPack, CatalogSubscription } from '../../shared/schemas/catalog';

/** A product the relay sells: its price is the catalog's, never the client's. */
export type CatalogProduct = Pick<CatalogPack | CatalogSubscription, 'productId' | 'price' | 'currency'>;

/** The item of `catalog` with this product id (packs, subscriptions, then the special pages), or undefined. */
export function findProduct(catalog: Catalog, productId: string): CatalogProduct | undefined {
  const { pages } = catalog;
  const items = [
    ...catalog.packs,
    ...catalog.subscriptions,
    pages.discount,
    pages.secret,
    pages.subscribe.trial,
    pages.subscribe.weekly,
    pages.subscribe.yearly,
  ];
  return items.find((i): i is CatalogPack | CatalogSubscription => i !== null && i.productId === productId);
}
