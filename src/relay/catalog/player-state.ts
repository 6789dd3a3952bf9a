import type { Catalog, CatalogPack, CatalogSubscription } from '../../shared/schemas/catalog';
import { mapCatalogItems } from '../../shared/schemas/catalog-types';

/**
 * One player's per-player fields, by product id: all the relay keeps per udid. The catalog itself is kept once
 * per game (the shared copy), so ten thousand players cost kilobytes each rather than a whole catalog each.
 */
export interface PlayerState {
  packs: Map<string, { purchaseCount: number | null; firstChargeOnly: boolean | null }>;
  subscriptions: Map<string, number | null>;
}

export function playerStateOf(catalog: Catalog): PlayerState {
  const packs: PlayerState['packs'] = new Map();
  for (const p of catalog.packs) packs.set(p.productId, { purchaseCount: p.purchaseCount, firstChargeOnly: p.firstChargeOnly });
  const subscriptions: PlayerState['subscriptions'] = new Map();
  const pages = catalog.pages;
  for (const s of [...catalog.subscriptions, pages.discount, pages.secret, pages.subscribe.trial, pages.subscribe.weekly, pages.subscribe.yearly]) {
    if (s) subscriptions.set(s.productId, s.purchaseCount);
  }
  return { packs, subscriptions };
}

/**
 * The shared copy (per-player fields withheld) with this player's fields put back, by product id. An item the
 * player's last answer did not have keeps `null` (unknown), which the client treats conservatively.
 */
export function withPlayerState(shared: Catalog, state: PlayerState): Catalog {
  const pack = (p: CatalogPack): CatalogPack => {
    const mine = state.packs.get(p.productId);
    return mine ? { ...p, purchaseCount: mine.purchaseCount, firstChargeOnly: mine.firstChargeOnly } : p;
  };
  const sub = (s: CatalogSubscription): CatalogSubscription => {
    const mine = state.subscriptions.get(s.productId);
    return mine === undefined ? s : { ...s, purchaseCount: mine };
  };
  return { ...mapCatalogItems(shared, pack, sub), userScoped: true };
}
