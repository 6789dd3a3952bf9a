/**
 * The normalized catalog's types, written out without zod so the client's published declarations (the Cocos
 * drop-in's `runtime/types`) need no zod. `catalog.ts` holds the schema and fails to compile if the two differ.
 * Field meanings are documented on the schema. Also `mapCatalogItems`, the one walk over every item that the
 * client and the relay both need (zod-free, so the client may import it).
 */
export type PackBadge = 'first-charge' | 'recommend' | 'hot' | 'best-deal' | 'discount';
export type SubscriptionBadge = 'recommend' | 'creator-pack' | 'ultra-pack';
export type Period = 'week' | 'month' | 'year';

interface CatalogItem {
  id: number | null;
  productId: string;
  /** Minor units of `currency`. */
  price: number;
  originalPrice: number;
  currency: string;
  quantity: number;
  bonus: number;
  typeCode: number | null;
  /** Per player; `null` when unknown for this player. */
  purchaseCount: number | null;
}

export interface CatalogPack extends CatalogItem {
  badge: PackBadge | null;
  cycle: Period | null;
  /** Per player; `null` when unknown for this player. */
  firstChargeOnly: boolean | null;
}

export interface CatalogSubscription extends CatalogItem {
  badge: SubscriptionBadge | null;
  period: Period | null;
  periodLabel: string | null;
  trialDays: number;
  discountPeriods: number;
  group: number | null;
  /** Minor units; 0 when the server did not compute it. */
  perWeek: number;
  perDay: number;
}

export interface CatalogPages {
  discount: CatalogSubscription | null;
  secret: CatalogSubscription | null;
  subscribe: { trial: CatalogSubscription | null; weekly: CatalogSubscription | null; yearly: CatalogSubscription | null };
}

export interface Catalog {
  version: 1;
  appId: string;
  fetchedAt: number;
  stale: boolean;
  userScoped: boolean;
  packs: CatalogPack[];
  subscriptions: CatalogSubscription[];
  pages: CatalogPages;
}

/**
 * The catalog with every pack and every subscription (the list and the special pages) passed through `pack` and
 * `sub`; everything else as it was. One walk for the places that rewrite per-player fields.
 */
export function mapCatalogItems(
  catalog: Catalog,
  pack: (p: CatalogPack) => CatalogPack,
  sub: (s: CatalogSubscription) => CatalogSubscription,
): Catalog {
  const page = (s: CatalogSubscription | null) => (s ? sub(s) : null);
  const { pages } = catalog;
  return {
    ...catalog,
    packs: catalog.packs.map(pack),
    subscriptions: catalog.subscriptions.map(sub),
    pages: {
      discount: page(pages.discount),
      secret: page(pages.secret),
      subscribe: { trial: page(pages.subscribe.trial), weekly: page(pages.subscribe.weekly), yearly: page(pages.subscribe.yearly) },
    },
  };
}
