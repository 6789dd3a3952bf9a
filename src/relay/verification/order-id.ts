import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A relay order id: 32 base62 chars (190 bits) from the OS's random source. Fits every platform's order id
 * (WeChat `outTradeNo` ≤ 32 of `[A-Za-z0-9_-]`, never starting with `_`; Douyin `customId`; QQ `bill_no`).
 */
export function createRelayOrderId(): string {
  let out = '';
  while (out.length < 32) {
    for (const b of randomBytes(40)) {
      // 248 = 4 × 62: bytes above it are dropped so every char is equally likely.
      if (b < 248 && out.length < 32) out += ALPHABET[b % 62];
    }
  }
  return out;
}
