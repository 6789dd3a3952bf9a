/** Exponential backoff with jitter and a cap (Segment core's shape). */
export interface BackoffOptions {
    /** First retry delay. @default 1000 */
    baseMs?: number;
    /** Longest delay. @default 300000 (5 minutes) */
    maxMs?: number;
}
/**
 * Delay before retry number `attempt` (0 = first retry): `min(max, base·2^attempt)`, scaled by a random factor in
 * [0.5, 1) so a fleet of clients that lost the relay together do not all come back in the same second.
 */
export declare function backoffDelay(attempt: number, random: () => number, opts?: BackoffOptions): number;
/** What a failed relay call should do: retry later (network, timeout, 429, 5xx) or not. */
export declare function isRetryableStatus(status: number): boolean;
