/**
 * Token buckets keyed by a string (client IP, openid): `perMinute` tokens, refilled continuously. A full bucket
 * is forgotten, so the map holds only keys that spent something recently.
 */
export interface RateLimiter {
  /** Takes one token; `{ok: false, retryAfterSeconds}` when the bucket is empty. */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number };
  readonly size: number;
}

export function createRateLimiter(perMinute: number): RateLimiter {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = 0;
  const sweep = (now: number) => {
    // A bucket idle long enough to be full again carries no information.
    for (const [k, b] of buckets) if (b.tokens + (now - b.at) * perMs >= perMinute) buckets.delete(k);
    lastSweep = now;
  };
  return {
    take(key, now) {
      if (now - lastSweep > 60_000 || buckets.size > 100_000) sweep(now);
      const b = buckets.get(key) ?? { tokens: perMinute, at: now };
      b.tokens = Math.min(perMinute, b.tokens + Math.max(0, now - b.at) * perMs);
      b.at = now;
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
    },
    get size() {
      return buckets.size;
    },
  };
}
