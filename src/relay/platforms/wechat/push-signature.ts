import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The signatures of WeChat message push (MP console: URL, Token, EncodingAESKey). Both are SHA-1 over the
 * lexically sorted parts joined with nothing:
 * - transport `signature` (GET URL check and every POST): parts `token, timestamp, nonce`;
 * - safe-mode `msg_signature`: parts `token, timestamp, nonce, Encrypt`.
 */
export function sha1SortedHex(parts: readonly string[]): string {
  // Default sort compares UTF-16 code units, which for WeChat's ASCII parts is the byte order WeChat uses.
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
