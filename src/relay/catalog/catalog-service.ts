import type { RelayConfig } from '../config/config-schema';
import type { Catalog } from '../../shared/schemas/catalog';
import { CatalogSourceError, fetchCatalogSource } from './fetch-catalog-source';
import { normalizeCatalog, withoutUserState } from './normalize-catalog';
import { playerStateOf, withPlayerState, type PlayerState } from './player-state';

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
   * Players whose per-player fields are kept (one entry per appId + udid, least recently used dropped first). A
   * player whose entry was dropped still gets the shared copy, without per-player fields. @default 10000
   */
  maxPlayerCopies?: number;
}

/** Per-player answers: a cache between players would be a leak. */
const NO_STORE = { 'cache-control': 'private, no-store' };

/**
 * `GET /v1/catalog`: fetches the game's catalog source for this player and normalizes it. It keeps the last good
 * catalog once per game with every per-player field withheld (the shared copy), and per appId + udid only that
 * player's per-player fields (purchase counts, first-charge limits). When the source fails or answers garbage, the
 * player gets the shared copy with their own fields put back, or without any when the relay has none of theirs,
 * marked `stale: true`; with no copy at all, a 502 that says what failed. Concurrent requests of one player share
 * one upstream call.
 */
export function createCatalogService(config: RelayConfig, options: CatalogServiceOptions = {}): CatalogService {
  const now = options.now ?? Date.now;
  const log = options.log;
  const maxPlayerCopies = options.maxPlayerCopies ?? 10_000;
  const games = new Map(config.games.map((g) => [g.appId, g]));
  const players = new Map<string, PlayerState>();
  const sharedCopies = new Map<string, Catalog>();
  const inflight = new Map<string, Promise<CatalogAnswer>>();

  function keep(key: string, catalog: Catalog): void {
    players.delete(key);
    players.set(key, playerStateOf(catalog));
    if (players.size > maxPlayerCopies) players.delete(players.keys().next().value as string);
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
    const shared = sharedCopies.get(appId);
    const mine = players.get(key);
    log?.warn({ appId, reason, served: !shared ? 'nothing' : mine ? 'shared copy with player state' : 'shared copy' }, 'catalog source failed');
    if (shared) {
      const copy = mine ? withPlayerState(shared, mine) : shared;
      return { status: 200, body: { ...copy, stale: true }, headers: NO_STORE };
    }
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
