import type { Catalog } from '../../shared/schemas/catalog-types';
/**
 * A hand-written check of the relay's catalog answer, so the mini-game bundle carries no zod. It must agree with
 * `CatalogSchema` in `src/shared/schemas/catalog.ts`: `test/client/catalog/catalog-guard.test.ts` runs generated
 * catalogs, valid and broken, through both. Returns the first problem found, or `null` when the value is a catalog.
 */
export declare function catalogProblem(value: unknown): string | null;
export declare function isCatalog(value: unknown): value is Catalog;
