export interface BackoffOptions {
  /** Upper bound of the first retry's delay (ms). */
  baseMs: number;
  /** No delay exceeds this (ms). */
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry): "full jitter", a uniform draw in
 * `[0, min(maxMs, baseMs * 2^(attempt-1)))`. Jitter spreads the retries of many rows that failed together (an
 * upstream outage) instead of sending them back in one wave; the cap keeps a long outage from pushing retries
 * hours away. Pure: `random` is a parameter.
 */
export function backoff(attempt: number, options: BackoffOptions, random: () => number): number {
  const exp = Math.max(0, Math.floor(attempt) - 1);
  // 2^exp overflows to Infinity past ~1023, which min() turns into the cap: no special case needed.
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exp);
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(r * ceiling);
}
