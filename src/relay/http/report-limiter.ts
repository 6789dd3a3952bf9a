/**
 * Volume limits that count REPORTS, not requests: a request of 50 reports spends 50. Three token buckets, refilled
 * continuously: per player per minute, per player per day, per game per minute. A request takes from all three or
 * from none. The per-game bucket is what bounds the database's growth whatever number of identities a flood uses;
 * the per-player buckets keep one player from spending the game's budget.
 *
 * A batch larger than a bucket is let through when the bucket is full, leaving it in debt (negative) until the
 * refill pays it back: a client that queued more than a minute's worth while offline drains at the limit's rate
 * instead of being refused forever (the client never splits a batch on 429).
 *
 * Memory is bounded: at most `maxPlayers` players are remembered, least recently seen forgotten first. A forgotten
 * player starts again with full buckets, which a flood of fresh identities could use; the game bucket still holds.
 */
export interface ReportLimits {
  reportsPerPlayerPerMinute: number;
  reportsPerPlayerPerDay: number;
  reportsPerGamePerMinute: number;
}

export type ReportLimitName = keyof ReportLimits;

export type ReportTake = { ok: true } | { ok: false; limit: ReportLimitName; retryAfterSeconds: number };

export interface ReportLimiter {
  /** Takes `n` reports of player `uid` of game `appId` from every bucket, or from none. */
  take(appId: string, uid: string, n: number, nowMs: number): ReportTake;
  /** Returns `n` reports that were not stored after all (duplicates, conflicts, a failed commit). */
  giveBack(appId: string, uid: string, n: number, nowMs: number): void;
  /** Players remembered now (at most `maxPlayers`). */
  readonly trackedPlayers: number;
}

export interface ReportLimiterOptions {
  /** Players remembered at most (~150 bytes each). @default 100000 */
  maxPlayers?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 3600_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** One limit: `capacity` reports, refilled at `capacity` per `periodMs`. */
class Rate {
  private readonly perMs: number;
  constructor(
    readonly name: ReportLimitName,
    readonly capacity: number,
    periodMs: number,
  ) {
    this.perMs = capacity / periodMs;
  }

  refill(b: Bucket, now: number): void {
    b.tokens = Math.min(this.capacity, b.tokens + Math.max(0, now - b.at) * this.perMs);
    b.at = Math.max(b.at, now);
  }

  /** 0 when `n` may be taken now, else the ms until it may. */
  waitMs(b: Bucket, n: number): number {
    const need = Math.min(n, this.capacity);
    return b.tokens >= need ? 0 : (need - b.tokens) / this.perMs;
  }

  fresh(now: number): Bucket {
    return { tokens: this.capacity, at: now };
  }
}

export function createReportLimiter(limits: ReportLimits, options: ReportLimiterOptions = {}): ReportLimiter {
  const maxPlayers = options.maxPlayers ?? 100_000;
  const playerMinute = new Rate('reportsPerPlayerPerMinute', limits.reportsPerPlayerPerMinute, MINUTE);
  const playerDay = new Rate('reportsPerPlayerPerDay', limits.reportsPerPlayerPerDay, DAY);
  const gameMinute = new Rate('reportsPerGamePerMinute', limits.reportsPerGamePerMinute, MINUTE);
  // Map order is recency order: a player seen again is moved to the end, the first key is the least recent.
  const players = new Map<string, { minute: Bucket; day: Bucket }>();
  // One entry per configured game that sent something: bounded by the config.
  const games = new Map<string, Bucket>();

  const player = (appId: string, uid: string, now: number) => {
    const key = `${appId}\n${uid}`;
    let p = players.get(key);
    if (p) players.delete(key);
    else p = { minute: playerMinute.fresh(now), day: playerDay.fresh(now) };
    players.set(key, p);
    while (players.size > maxPlayers) players.delete(players.keys().next().value as string);
    playerMinute.refill(p.minute, now);
    playerDay.refill(p.day, now);
    return p;
  };
  const game = (appId: string, now: number) => {
    let g = games.get(appId);
    if (!g) games.set(appId, (g = gameMinute.fresh(now)));
    gameMinute.refill(g, now);
    return g;
  };

  return {
    take(appId, uid, n, now) {
      const p = player(appId, uid, now);
      const g = game(appId, now);
      const checks: Array<[Rate, Bucket]> = [[playerMinute, p.minute], [playerDay, p.day], [gameMinute, g]];
      let refused: { rate: Rate; waitMs: number } | undefined;
      for (const [rate, b] of checks) {
        const waitMs = rate.waitMs(b, n);
        if (waitMs > 0 && (!refused || waitMs > refused.waitMs)) refused = { rate, waitMs };
      }
      if (refused) return { ok: false, limit: refused.rate.name, retryAfterSeconds: Math.max(1, Math.ceil(refused.waitMs / 1000)) };
      for (const [, b] of checks) b.tokens -= n;
      return { ok: true };
    },
    giveBack(appId, uid, n, now) {
      if (n <= 0) return;
      const p = players.get(`${appId}\n${uid}`);
      const g = games.get(appId);
      const back: Array<[Rate, Bucket | undefined]> = [[playerMinute, p?.minute], [playerDay, p?.day], [gameMinute, g]];
      for (const [rate, b] of back) {
        if (!b) continue;
        rate.refill(b, now);
        b.tokens = Math.min(rate.capacity, b.tokens + n);
      }
    },
    get trackedPlayers() {
      return players.size;
    },
  };
}
