import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Digests the platforms' notifications are signed with. WeChat message push and Douyin's payment callback both use
 * SHA-1 over the lexically sorted parts joined with nothing:
 * - WeChat transport `signature` (GET URL check and every POST): parts `token, timestamp, nonce`;
 * - WeChat safe-mode `msg_signature`: parts `token, timestamp, nonce, Encrypt`;
 * - Douyin payment callback `signature`: parts `token, timestamp, nonce, msg`.
 */
export function sha1SortedHex(parts: readonly string[]): string {
  // Default sort compares UTF-16 code units, which for the platforms' ASCII parts is the byte order they use.
  return createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex');
}

const HEX = /^[0-9a-fA-F]*$/;

/**
 * Whether `given` is the same digest as `expected` (lowercase hex we computed), in constant time. Upper-case hex
 * of the same digest is accepted; a wrong length, odd length or a non-hex character is false, never a throw.
 */
export function hexEquals(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  if (expected.length === 0 || expected.length % 2 !== 0 || given.length !== expected.length) return false;
  if (!HEX.test(given) || !HEX.test(expected)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

/**
 * Lowercase hex HMAC-SHA256 over the exact bytes sent: WeChat's Midas signatures, QQ's GamePrePay `sig`, and the
 * user-session signature of WeChat and Douyin (`HMAC(session_key as its text, body)`).
 */
export function hmacSha256Hex(key: string | Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}
