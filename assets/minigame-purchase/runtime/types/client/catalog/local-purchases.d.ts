import { type Catalog } from '../../shared/schemas/catalog-types';
/**
 * The catalog as it stands after this session's paid purchases: the relay's copy is cached for minutes, but a
 * first-charge pack or a trial bought a second ago must already show as used. Counts only go up, and only on
 * items that carry a per-player limit; unknown counts (`null`) stay unknown except that a purchase makes them 1.
 */
export declare function applyLocalPurchases(catalog: Catalog, bought: ReadonlyMap<string, number>): Catalog;
