import type { Platform } from '../platform/platform';

/** Storage key of the catalog's device id: versioned like every key the client writes. */
export const UDID_KEY = 'mp:v1:udid';

/**
 * The `udid` the catalog is asked for: a random id made once per install and kept in platform storage. It keys the
 * game server's per-player fields (purchase counts, first-charge limits); it is not the openid and says nothing
 * about the player.
 */
export function deviceUdid(platform: Platform): string {
  const existing = safeGet(platform) ?? unsaved.get(platform);
  if (existing) return existing;
  let id = '';
  for (let i = 0; i < 32; i++) id += Math.floor(platform.clock.random() * 16).toString(16);
  try {
    platform.storage.set(UDID_KEY, id);
  } catch {
    // Storage full: keep the id for this run at least, so the relay's per-udid copy stays this player's.
    unsaved.set(platform, id);
  }
  return id;
}

const unsaved = new WeakMap<Platform, string>();

function safeGet(platform: Platform): string | undefined {
  try {
    const v = platform.storage.get(UDID_KEY);
    return v && /^[A-Za-z0-9_-]{1,128}$/.test(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
