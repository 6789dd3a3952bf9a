import type { Platform } from '../platform/platform';
/** Storage key of the catalog's device id: versioned like every key the client writes. */
export declare const UDID_KEY = "mp:v1:udid";
/**
 * The `udid` the catalog is asked for: a random id made once per install and kept in platform storage. It keys the
 * game server's per-player fields (purchase counts, first-charge limits); it is not the openid and says nothing
 * about the player.
 */
export declare function deviceUdid(platform: Platform): string;
