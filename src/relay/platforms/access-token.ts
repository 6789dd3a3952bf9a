import type { GameConfig } from '../config/config-schema';
import { openSecret, parseKeyEncryptionKey, sealSecret } from '../session/session-key-box';
import type { ReconcileStore } from '../storage/reconcile-store';

/** Refreshed this long before the platform says it expires. */
const EARLY_MS = 5 * 60_000;

export type TokenAnswer = { ok: true; token: string } | { ok: false; detail: string };

export interface AccessTokens {
  /** A valid `access_token` of the game, from storage when another relay (or this one) fetched it recently. */
  get(game: GameConfig): Promise<TokenAnswer>;
  /** Forgets the stored token (the platform said it is invalid). */
  invalidate(appId: string): Promise<void>;
}

/** How one platform hands out app access tokens (WeChat `stable_token`, Douyin `v2/token`, QQ `getToken`). */
export interface TokenSource {
  /** Names the `sync_state` key: `<name>-access-token:<appId>`. */
  name: string;
  /**
   * A new token for the game. `forceRefresh` follows a refusal of the stored one: sources whose platform hands the
   * same token back unless told otherwise (WeChat) must ask for a new one.
   */
  fetch(game: GameConfig, forceRefresh: boolean, timeoutMs: number): Promise<{ ok: true; accessToken: string; expiresAt: number } | { ok: false; detail: string }>;
}

/** What `sync_state` holds for a game whose token the platform refused. */
const INVALID = 'invalid';

/**
 * A platform's app access tokens, kept sealed in `sync_state` so every relay on the database shares one until it
 * nears expiry; concurrent callers of one relay share one fetch.
 */
export function createAccessTokens(
  store: Pick<ReconcileStore, 'getState' | 'setState'>,
  keyEncryptionKey: string,
  now: () => number,
  source: TokenSource,
  timeoutMs = 5000,
): AccessTokens {
  const kek = parseKeyEncryptionKey(keyEncryptionKey);
  const stateKey = (appId: string) => `${source.name}-access-token:${appId}`;
  const inflight = new Map<string, Promise<TokenAnswer>>();
  async function fetchNew(game: GameConfig, forceRefresh: boolean): Promise<TokenAnswer> {
    const got = await source.fetch(game, forceRefresh, timeoutMs);
    if (!got.ok) return { ok: false, detail: got.detail };
    const sealed = sealSecret(kek, JSON.stringify({ token: got.accessToken, expiresAt: got.expiresAt }), stateKey(game.appId));
    await store.setState(stateKey(game.appId), sealed);
    return { ok: true, token: got.accessToken };
  }
  return {
    async get(game) {
      const sealed = await store.getState(stateKey(game.appId));
      const open = sealed === undefined ? undefined : openSecret(kek, sealed, stateKey(game.appId));
      if (open !== undefined) {
        const kept = JSON.parse(open) as { token: string; expiresAt: number };
        if (kept.expiresAt - EARLY_MS > now()) return { ok: true, token: kept.token };
      }
      let p = inflight.get(game.appId);
      if (!p) {
        p = fetchNew(game, sealed === INVALID).finally(() => inflight.delete(game.appId));
        inflight.set(game.appId, p);
      }
      return p;
    },
    async invalidate(appId) {
      await store.setState(stateKey(appId), INVALID);
    },
  };
}
