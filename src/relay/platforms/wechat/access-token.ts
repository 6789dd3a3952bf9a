import type { GameConfig } from '../../config/config-schema';
import { openSecret, parseKeyEncryptionKey, sealSecret } from '../../session/session-key-box';
import type { ReconcileStore } from '../../storage/reconcile-store';
import { fetchStableToken } from './stable-token';

/** Refreshed this long before WeChat says it expires. */
const EARLY_MS = 5 * 60_000;

export interface AccessTokens {
  /** A valid `access_token` of the game, from storage when another relay (or this one) fetched it recently. */
  get(game: GameConfig): Promise<{ ok: true; token: string } | { ok: false; detail: string }>;
  /** Forgets the stored token (WeChat said it is invalid). */
  invalidate(appId: string): Promise<void>;
}

/** What `sync_state` holds for a game whose token WeChat refused. */
const INVALID = 'invalid';
const stateKey = (appId: string) => `wechat-access-token:${appId}`;

/**
 * WeChat access tokens from `/cgi-bin/stable_token` (which does not invalidate other servers' tokens), kept sealed
 * in `sync_state` so every relay on the database shares one until it nears expiry.
 */
export function createAccessTokens(store: Pick<ReconcileStore, 'getState' | 'setState'>, keyEncryptionKey: string, now: () => number, timeoutMs = 5000): AccessTokens {
  const kek = parseKeyEncryptionKey(keyEncryptionKey);
  const inflight = new Map<string, Promise<{ ok: true; token: string } | { ok: false; detail: string }>>();
  async function fetchNew(game: GameConfig, forceRefresh: boolean) {
    const wechat = game.wechat;
    if (!wechat) return { ok: false as const, detail: 'the game has no wechat settings' };
    const got = await fetchStableToken({ apiBase: wechat.apiBase, appId: game.appId, appSecret: wechat.appSecret, timeoutMs, forceRefresh });
    if (!got.ok) return { ok: false as const, detail: got.detail };
    const sealed = sealSecret(kek, JSON.stringify({ token: got.accessToken, expiresAt: got.expiresAt }), stateKey(game.appId));
    await store.setState(stateKey(game.appId), sealed);
    return { ok: true as const, token: got.accessToken };
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
        // After WeChat refused the stored token, a stable_token without force_refresh would hand the same one back.
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
