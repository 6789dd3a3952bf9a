/**
 * Order ids valid both as a WeChat `outTradeNo` (at most 32 chars of `[0-9A-Za-z_\-|*]`, not starting with `_`)
 * and as the shared ORDER_ID_PATTERN (`[A-Za-z0-9_-]{1,64}`): 32 base62 chars, a time prefix (so ids sort by
 * creation and two devices colliding would also need the same millisecond) and 24 random chars (~143 bits).
 */
/** `0-9A-Za-z`, in code order so ids sort as their times do; computed, as 62 literal letters barely compress. */
let ALPHABET = '';
for (let i = 0; i < 62; i++) ALPHABET += String.fromCharCode(i + (i < 10 ? 48 : i < 36 ? 55 : 61));
export const ORDER_ID_LENGTH = 32;

export function createOrderId(now: number, random: () => number): string {
  let time = '';
  let t = Math.floor(now);
  for (let i = 0; i < 8; i++) {
    time = ALPHABET[t % 62] + time;
    t = Math.floor(t / 62);
  }
  let rest = '';
  while (rest.length < ORDER_ID_LENGTH - 8) rest += ALPHABET[Math.floor(random() * 62) % 62];
  return time + rest;
}
