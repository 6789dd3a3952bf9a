import { mapCatalogItems, type Catalog, type CatalogPack, type CatalogSubscription } from '../../shared/schemas/catalog-types';

/**
 * The catalog as it stands after this session's paid purchases: the relay's copy is cached for minutes, but a
 * first-charge pack or a trial bought a second ago must already show as used. Counts only go up, and only on
 * items that carry a per-player limit; unknown counts (`null`) stay unknown except that a purchase makes them 1.
 */
export function applyLocalPurchases(catalog: Catalog, bought: ReadonlyMap<string, number>): Catalog {
  if (bought.size === 0) return catalog;
  const bump = <T extends CatalogPack | CatalogSubscription>(item: T): T => {
    const n = bought.get(item.productId);
    if (!n) return item;
    const limited = 'firstChargeOnly' in item ? item.firstChargeOnly !== false : item.trialDays > 0;
    if (!limited) return item;
    const withCount = { ...item, purchaseCount: (item.purchaseCount ?? 0) + n };
    return 'firstChargeOnly' in withCount && withCount.firstChargeOnly === null
      ? { ...withCount, firstChargeOnly: true }
      : withCount;
  };
  return mapCatalogItems(catalog, bump, bump);
}
