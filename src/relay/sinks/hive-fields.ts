import { createHash } from 'node:crypto';
import type { DeviceFacts } from '../../shared/schemas/purchase-report';
import { HIVE_SERVER_IDS, IPV4 } from './hive-wire';

/**
 * The Hive columns that need a rule rather than a copy. Each is pure; the choices are written down here because
 * Hive silently stores whatever it is given.
 */

/**
 * `guid`: one per purchase and never random, so every resend of a purchase carries the same guid. 32 hex digits
 * (128 bits of SHA-256) of the Hive app, the mini-game app and the order id: the mini-game app is part of it
 * because order ids are only unique within one game, and two games may share a Hive app.
 */
export function hiveGuid(hiveAppId: string, gameAppId: string, orderId: string): string {
  return createHash('sha256').update(`hive\0${hiveAppId}\0${gameAppId}\0${orderId}`).digest('hex').slice(0, 32);
}

/** Hive's `extra_uid` is string(30). */
export const EXTRA_UID_MAX = 30;

/**
 * `extra_uid`: the mini-game openid (players come through WeChat/QQ/Douyin, not a Hive login, so `uid` is null).
 * WeChat openids (28 chars) fit; longer ones (QQ, Douyin) become a stable 30-hex-digit digest of the openid, so
 * the column stays within the spec and one player keeps one value.
 */
export function hiveExtraUid(openid: string): string {
  if (openid.length <= EXTRA_UID_MAX) return openid;
  return createHash('sha256').update(openid).digest('hex').slice(0, EXTRA_UID_MAX);
}

/** `platform`: Android `A`, iOS `I`, anything else (PC WeChat, devtools, browser) `W`. */
export function hivePlatform(deviceType: DeviceFacts['type']): 'A' | 'I' | 'W' {
  return deviceType === 3 ? 'A' : deviceType === 2 ? 'I' : 'W';
}

/**
 * `client_ip` is a dotted IPv4 of at most 15 chars. An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, what a
 * dual-stack socket reports) is unwrapped; a real IPv6 address cannot be written, so it is sent empty and Hive
 * falls back to `nationality`.
 */
export function hiveClientIp(ip: string): string {
  const unwrapped = ip.replace(/^::ffff:/i, '');
  return IPV4.test(unwrapped) ? unwrapped : '';
}

/**
 * `language`: ISO 639 alpha-2, lower case, from the device language (`zh_CN`, `en-US`, `ko`); empty when unknown.
 */
export function hiveLanguage(deviceLanguage: string | undefined): string {
  const m = /^([A-Za-z]{2})(?:$|[-_])/.exec(deviceLanguage ?? '');
  return m ? m[1].toLowerCase() : '';
}

/**
 * `game_language` / `device_language`: like `language`, but Chinese is `zh-hans` (mainland, Singapore, `Hans`)
 * or `zh-hant` (Taiwan, Hong Kong, Macau, `Hant`), as Hive's identifier policy writes them.
 */
export function hiveLanguageVariant(deviceLanguage: string | undefined): string {
  const base = hiveLanguage(deviceLanguage);
  if (base !== 'zh') return base;
  const rest = (deviceLanguage ?? '').slice(3).toLowerCase();
  if (/hant|^(tw|hk|mo)\b/.test(rest)) return 'zh-hant';
  return 'zh-hans';
}

/** `server_id`: the report's server when it is a code of Hive's table, else the game's configured one. */
export function hiveServerId(reported: string | undefined, configured: string): string {
  return reported !== undefined && HIVE_SERVER_IDS.has(reported) ? reported : configured;
}

/** A bigint column from a free-text game id: the number when it is one (and exact in JSON), else 0 (none). */
export function hiveBigint(value: string | undefined): number {
  if (value === undefined || !/^\d{1,16}$/.test(value)) return 0;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : 0;
}

/** An int column: Hive's int is 32-bit. */
export function hiveInt(value: number | undefined): number {
  return Math.min(value ?? 0, 2 ** 31 - 1);
}
