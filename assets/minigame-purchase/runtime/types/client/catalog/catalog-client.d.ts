import type { Catalog } from '../../shared/schemas/catalog-types';
import type { Platform, HttpResponse } from '../platform/platform';
export interface CatalogClientDeps {
    platform: Platform;
    /**
     * An authenticated GET to the relay: the relay answers 401 without the session token, and serves the per-player
     * fields of the token's player only. The kit adds the token and re-logs in once on 401.
     */
    relayGet(pathAndQuery: string): Promise<HttpResponse>;
    appId: string;
    /** @default 300000 (5 minutes) */
    ttlMs?: number;
    /** How long a copy the relay itself marked `stale` counts as fresh here, so it is asked again soon. @default 30000 */
    staleTtlMs?: number;
}
export interface CatalogClient {
    /**
     * The catalog. Fresh from the cache within the TTL; past the TTL, the cached copy at once (marked `stale`) while
     * one request revalidates it; offline or on a relay failure, the cached copy marked `stale`. Rejects with
     * `CatalogUnavailableError` only when there is nothing cached. Concurrent calls share one request.
     */
    get(): Promise<Catalog>;
    /** Ask the relay now (joining a request in flight); resolves as `get` does when it had to wait. */
    refresh(): Promise<Catalog>;
    /** The last catalog known, without any I/O. */
    peek(): Catalog | undefined;
    /** Called whenever a request brings a catalog that differs from the last one known. Returns an unsubscribe. */
    onChange(listener: (catalog: Catalog) => void): () => void;
}
/** Versioned so a future shape never reads an old one as its own. */
export declare const CATALOG_CACHE_KEY_PREFIX = "mp:v1:catalog:";
export declare function createCatalogClient(deps: CatalogClientDeps): CatalogClient;
