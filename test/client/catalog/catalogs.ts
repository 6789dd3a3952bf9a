import { normalizeCatalog } from '../../../src/relay/catalog/normalize-catalog';
import type { Catalog, CatalogPack, CatalogSubscription } from '../../../src/shared/schemas/catalog';
import { oddCatalog, specSample } from '../../relay/catalog/catalog-fixtures';

/** Normalized catalogs for client tests, through the relay's own normalizer so the two never drift. */
export function sampleCatalog(): Catalog {
  return normalized(specSample());
}

export function oddNormalizedCatalog(): Catalog {
  return normalized(oddCatalog());
}

function normalized(payload: unknown): Catalog {
  const r = normalizeCatalog(payload, 'wx1234567891234567', 1_700_000_000_000);
  if (!r.ok) throw new Error(r.error);
  return r.catalog;
}

export function pack(over: Partial<CatalogPack> = {}): CatalogPack {
  return {
    id: 1, productId: 'p', price: 999, originalPrice: 999, currency: 'CNY', quantity: 500, bonus: 0,
    typeCode: 0, purchaseCount: null, badge: null, cycle: null, firstChargeOnly: false, ...over,
  };
}

export function subscription(over: Partial<CatalogSubscription> = {}): CatalogSubscription {
  return {
    id: 1, productId: 's', price: 799, originalPrice: 799, currency: 'USD', quantity: 250, bonus: 0, typeCode: 0,
    purchaseCount: 0, badge: null, period: 'week', periodLabel: null, trialDays: 0, discountPeriods: 0, group: 1,
    perWeek: 0, perDay: 0, ...over,
  };
}

export function catalogOf(over: Partial<Catalog> = {}): Catalog {
  return {
    version: 1, appId: 'wx1234567891234567', fetchedAt: 1, stale: false, userScoped: true, packs: [],
    subscriptions: [], pages: { discount: null, secret: null, subscribe: { trial: null, weekly: null, yearly: null } },
    ...over,
  };
}
