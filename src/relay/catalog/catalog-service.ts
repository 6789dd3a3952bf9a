import type { RelayConfig } from '../config/config-schema';
import type { Catalog } from '../../shared/schemas/catalog';
import { CatalogSourceError, fetchCatalogSource } from './fetch-catalog-source';
import { normalizeCatalog, withoutUserState } from './normalize-catalog';

export interface CatalogAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface CatalogService {
  /** `GET /v1/catalog?appId=&udid=` */
  get(appId: string, udid: string): Promise<CatalogAnswer>;
}

export interface CatalogServiceOptions {
  /** @default Date.now */
  now?: () => number;
  /** Where dropped items and source failures are told (pino-compatible). @default silent */
  log?: { warn(fields: object, message: string): void };
  /**
   * Last good per-player copies kept (one per appId + udid, least recently used dropped first). A player whose copy
   * was dropped still gets the shared copy, without per-player fields. @default 10000
   */
  maxPlayerCopies?: number;
}

/** Per-player answers: a cache between players would be a leak. */
const NO_STORE = { 'cache-control': 'private, no-store' };

/**
 * `GET /v1/catalog`: fetches the game's catalog source for this player, normalizes it, and keeps two last good
 * copies: the player's own (per appId + udid, with purchase counts and first-charge limits) and a shared one
 * per game with every per-player field withheld. When the source fails or answers garbage, the player gets their
 * own last copy, else the shared one, marked `stale: true`; with neither, a 502 that says what failed.
 * Concurrent requests of one player share one upstream call.
 */
export function createCatalogService(config: RelayConfig, options: CatalogServiceOptions = {}): CatalogService {
  const now = options.now ?? Date.now;
  const log = options.log;
  const maxPlayerCopies = options.maxPlayerCopies ?? 10_000;
  const games = new Map(config.games.map((g) => [g.appId, g]));
  const playerCopies = new Map<string, Catalog>();
  const sharedCopies = new Map<string, Catalog>();
  const inflight = new Map<string, Promise<CatalogAnswer>>();

  function keep(key: string, catalog: Catalog): void {
    playerCopies.delete(key);
    playerCopies.set(key, catalog);
    if (playerCopies.size > maxPlayerCopies) playerCopies.delete(playerCopies.keys().next().value as string);
  }

  async function load(appId: string, udid: string, key: string): Promise<CatalogAnswer> {
    const source = games.get(appId)?.catalog;
    if (!source) return error(404, 'NO_CATALOG', `no catalog source is configured for ${appId}`);
    let reason: string;
    try {
      const payload = await fetchCatalogSource(source, appId, udid);
      const result = normalizeCatalog(payload, appId, now());
      if (result.ok) {
        if (result.warnings.length) log?.warn({ appId, warnings: result.warnings.slice(0, 20) }, 'catalog items dropped');
        keep(key, result.catalog);
        sharedCopies.set(appId, withoutUserState(result.catalog));
        return { status: 200, body: result.catalog, headers: NO_STORE };
      }
      reason = result.error;
    } catch (e) {
      if (!(e instanceof CatalogSourceError)) throw e;
      reason = e.message;
    }
    const own = playerCopies.get(key);
    const fallback = own ?? sharedCopies.get(appId);
    log?.warn({ appId, reason, served: own ? 'player copy' : fallback ? 'shared copy' : 'nothing' }, 'catalog source failed');
    if (fallback) return { status: 200, body: { ...fallback, stale: true }, headers: NO_STORE };
    return error(502, 'CATALOG_UPSTREAM', `catalog source failed and no earlier copy exists: ${reason}`);
  }

  return {
    get(appId, udid) {
      if (!games.has(appId)) return Promise.resolve(error(404, 'UNKNOWN_APP', `no game ${JSON.stringify(appId)} on this relay`));
      const key = `${appId}\u0000${udid}`;
      let p = inflight.get(key);
      if (!p) {
        p = load(appId, udid, key).finally(() => inflight.delete(key));
        inflight.set(key, p);
      }
      return p;
    },
  };
}

function error(status: number, code: string, message: string): CatalogAnswer {
  return { status, body: { error: { code, message } }, headers: NO_STORE };
}
