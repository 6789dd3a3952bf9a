import type { Catalog } from '../../shared/schemas/catalog-types';
import type { Platform, HttpResponse } from '../platform/platform';
import { catalogProblem } from './catalog-guard';
import { CatalogUnavailableError } from './catalog-errors';
import { errorText, relayErrorText } from '../best-effort';
import { STORAGE_PREFIX } from '../storage-keys';

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
export const CATALOG_CACHE_KEY_PREFIX = `${STORAGE_PREFIX}catalog:`;

interface CacheEntry {
  catalog: Catalog;
  /** ms since the epoch, platform clock. */
  expiresAt: number;
}

export function createCatalogClient(deps: CatalogClientDeps): CatalogClient {
  const { platform, appId } = deps;
  const ttlMs = deps.ttlMs ?? 300_000;
  const staleTtlMs = Math.min(deps.staleTtlMs ?? 30_000, ttlMs);
  const key = CATALOG_CACHE_KEY_PREFIX + appId;
  const listeners = new Set<(catalog: Catalog) => void>();
  let entry: CacheEntry | undefined = readCache();
  let signature = entry ? signatureOf(entry.catalog) : '';
  let inflight: Promise<Catalog> | undefined;

  function readCache(): CacheEntry | undefined {
    try {
      const text = platform.storage.get(key);
      if (!text) return undefined;
      const parsed = JSON.parse(text) as { catalog?: unknown; expiresAt?: unknown };
      if (typeof parsed.expiresAt !== 'number' || catalogProblem(parsed.catalog) !== null) return undefined;
      return { catalog: parsed.catalog as Catalog, expiresAt: parsed.expiresAt };
    } catch {
      // A corrupt cache is only a cache: fetch again.
      return undefined;
    }
  }

  function remember(catalog: Catalog): void {
    const now = platform.clock.now();
    entry = { catalog, expiresAt: now + (catalog.stale ? staleTtlMs : ttlMs) };
    try {
      platform.storage.set(key, JSON.stringify(entry));
    } catch {
      // Storage full: keep the copy in memory; the purchase queue's room matters more than a cache.
    }
    const next = signatureOf(catalog);
    if (next !== signature) {
      signature = next;
      for (const l of Array.from(listeners)) {
        try {
          l(catalog);
        } catch {
          // A listener's bug must not break the fetch.
        }
      }
    }
  }

  function staleCopy(): Catalog | undefined {
    return entry ? { ...entry.catalog, stale: true } : undefined;
  }

  async function fetchOnce(): Promise<Catalog> {
    let res: HttpResponse;
    try {
      // The player is the session token's (relayGet adds it): the relay derives what it asks the game server.
      res = await deps.relayGet(`/v1/catalog?appId=${encodeURIComponent(appId)}`);
    } catch (e) {
      return fallback(`catalog request failed: ${errorText(e)}`);
    }
    if (res.status !== 200) {
      const why = relayErrorText(res.body);
      return fallback(`relay answered ${res.status}${why ? ': ' + why : ''}`, res.status);
    }
    const problem = catalogProblem(res.body);
    if (problem) return fallback(`relay sent a malformed catalog (${problem})`, res.status);
    const catalog = res.body as Catalog;
    if (catalog.appId !== appId) return fallback(`relay sent the catalog of ${catalog.appId}, not ${appId}`);
    remember(catalog);
    return catalog;
  }

  function fallback(message: string, status?: number): Catalog {
    const copy = staleCopy();
    if (copy) return copy;
    throw new CatalogUnavailableError(message, status);
  }

  function refresh(): Promise<Catalog> {
    if (!inflight) {
      inflight = fetchOnce().finally(() => {
        inflight = undefined;
      });
    }
    return inflight;
  }

  return {
    async get() {
      if (!entry) entry = readCache();
      if (!entry) {
        if (platform.networkType() === 'none') throw new CatalogUnavailableError('offline and no cached catalog');
        return refresh();
      }
      if (platform.clock.now() < entry.expiresAt) return entry.catalog;
      const copy = staleCopy() as Catalog;
      if (platform.networkType() !== 'none') refresh().catch(() => undefined);
      return copy;
    },
    refresh,
    peek: () => entry?.catalog,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What a store shows: a change in `fetchedAt` alone is not a change. */
function signatureOf(c: Catalog): string {
  return JSON.stringify([c.stale, c.userScoped, c.packs, c.subscriptions, c.pages]);
}

