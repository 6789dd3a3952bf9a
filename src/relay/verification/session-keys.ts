import { openSecret, parseKeyEncryptionKey, sealSecret } from '../session/session-key-box';
import type { PaymentStore } from '../storage/payment-store';

/**
 * Players' platform session keys, sealed at rest with `session.keyEncryptionKey` (AES-256-GCM, bound to the
 * app and player), refreshed at each login, read only to sign a payment or a query. Never returned or logged.
 */
export interface SessionKeys {
  save(appId: string, openid: string, sessionKey: string, at: number): Promise<void>;
  /** The key in clear, or why there is none usable (`missing`: never logged in here; `stale`: the platform said so). */
  load(appId: string, openid: string): Promise<{ ok: true; key: string } | { ok: false; reason: 'missing' | 'stale' }>;
  markStale(appId: string, openid: string, at: number): Promise<void>;
}

const aad = (appId: string, openid: string) => `${appId}\n${openid}`;

export function createSessionKeys(store: PaymentStore, keyEncryptionKey: string): SessionKeys {
  const kek = parseKeyEncryptionKey(keyEncryptionKey);
  return {
    save: (appId, openid, sessionKey, at) => store.saveSessionKey(appId, openid, sealSecret(kek, sessionKey, aad(appId, openid)), at),
    async load(appId, openid) {
      const row = await store.loadSessionKey(appId, openid);
      if (!row) return { ok: false, reason: 'missing' };
      if (row.stale) return { ok: false, reason: 'stale' };
      const key = openSecret(kek, row.sealed, aad(appId, openid));
      // A row sealed under another key (a rotated KEK) is as good as none: the next login replaces it.
      return key === undefined ? { ok: false, reason: 'missing' } : { ok: true, key };
    },
    markStale: (appId, openid, at) => store.markSessionKeyStale(appId, openid, at),
  };
}
