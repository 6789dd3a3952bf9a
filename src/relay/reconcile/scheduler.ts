import type { GameConfig, RelayConfig } from '../config/config-schema';
import { systemClock, type Clock } from './clock';
import { ReconcileError } from './reconcile-error';
import { metricsText, recordReconcile, recordReconcileFailure, type LastReconcile } from './reconcile-metrics';
import { runReconcile } from './reconcile-run';
import type { ReconcileStore } from '../storage/reconcile-store';
import { headerKey, pruneRun } from './reconcile-state';
import { cstDay, cstYesterday, parseDay } from './reconcile-window';

export interface ReconcileScheduleDeps {
  config: RelayConfig;
  store: ReconcileStore;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /** @default the system clock */
  clock?: Clock;
}

const DAY_MS = 24 * 3600_000;

/** Scheduled pulls older than this many days are emptied from `sync_state`. */
export const KEEP_PULLS_DAYS = 7;

/** After a failed run, try again this much later (the stored pages make it a resume). */
const RETRY_AFTER_MS = 3600_000;

/** `HH:MM` China time on the China-time day of `now`. */
function todayAt(now: number, hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m || +m[1] > 23 || +m[2] > 59) throw new RangeError(`gravity.schedule.daily must be HH:MM (00:00..23:59), got ${JSON.stringify(hhmm)}`);
  return parseDay(cstDay(now)) + (+m[1] * 60 + +m[2]) * 60_000;
}

/** The next instant at `HH:MM` China time strictly after `now`. */
export function nextDailyRun(now: number, hhmm: string): number {
  const today = todayAt(now, hhmm);
  return today > now ? today : today + DAY_MS;
}

function lastKey(appId: string): string {
  return `reconcile:v1:last:${appId}`;
}

/**
 * Starts the `gravity.schedule` of every game; the relay's `start` calls it. Each day at `daily` (China time)
 * it reconciles yesterday (China time). A relay that was down at that time catches up when it starts. Several
 * relays on one database cooperate: the rate gate and the stored pull are shared.
 */
export function startReconcileSchedules(deps: ReconcileScheduleDeps): { stop(): void } {
  const clock = deps.clock ?? systemClock;
  const ac = new AbortController();
  for (const game of deps.config.games) {
    if (!game.gravity?.schedule) continue;
    void scheduleGame(game, game.gravity.schedule.daily, deps, clock, ac.signal).catch((err: unknown) => {
      if (!ac.signal.aborted) deps.log.error({ app: game.appId, err: (err as Error).message }, 'reconcile schedule stopped');
    });
  }
  return { stop: () => ac.abort(new Error('relay stopping')) };
}

async function scheduleGame(game: GameConfig, daily: string, deps: ReconcileScheduleDeps, clock: Clock, signal: AbortSignal): Promise<void> {
  const appId = game.appId;
  const stored = await loadLast(deps, appId);
  if (stored) recordReconcile(appId, stored);
  // Catch up: the time of day has passed and yesterday has not been reconciled yet.
  const now = clock.now();
  let due = now >= todayAt(now, daily) && stored?.day !== cstYesterday(now) ? now : nextDailyRun(now, daily);
  for (;;) {
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
    signal.throwIfAborted();
    const ok = await runOnce(game, deps, clock, signal);
    const next = nextDailyRun(clock.now(), daily);
    due = ok ? next : Math.min(next, clock.now() + RETRY_AFTER_MS);
  }
}

/** Reconciles yesterday; false when it failed (logged and counted, never thrown unless stopping). */
async function runOnce(game: GameConfig, deps: ReconcileScheduleDeps, clock: Clock, signal: AbortSignal): Promise<boolean> {
  const appId = game.appId;
  const day = cstYesterday(clock.now());
  deps.log.info({ app: appId, day }, 'reconcile: scheduled run starting');
  try {
    const out = await runReconcile({
      appId,
      gravity: game.gravity!,
      store: deps.store,
      fromDay: day,
      toDay: day,
      clock,
      signal,
      onProgress: (p) => deps.log.info({ app: appId, day, progress: p.type }, `reconcile: ${p.text}`),
    });
    const last: LastReconcile = { day, finishedAt: clock.now(), counts: out.report.counts, statusCounts: out.report.statusCounts };
    recordReconcile(appId, last);
    await deps.store.setState(lastKey(appId), JSON.stringify(last));
    const old = cstDay(parseDay(day) - KEEP_PULLS_DAYS * DAY_MS);
    await pruneRun(deps.store, headerKey(appId, old, old));
    const c = out.report.counts;
    const differs = c.missingInGravity + c.missingInRelay + c.amountMismatch + c.duplicateInGravity > 0;
    (differs ? deps.log.warn : deps.log.info).call(deps.log, { app: appId, day, ...c }, differs ? 'reconcile: differences found' : 'reconcile: all orders match');
    return true;
  } catch (err) {
    if (signal.aborted) throw err;
    recordReconcileFailure(appId, clock.now());
    const code = err instanceof ReconcileError ? err.code : 'error';
    deps.log.error({ app: appId, day, code, err: (err as Error).message }, 'reconcile: scheduled run failed; trying again in an hour');
    return false;
  }
}

async function loadLast(deps: ReconcileScheduleDeps, appId: string): Promise<LastReconcile | undefined> {
  const text = await deps.store.getState(lastKey(appId));
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as LastReconcile;
    return typeof v.day === 'string' && typeof v.finishedAt === 'number' && v.counts ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Prometheus text lines about the last reconciliation of each game, appended to `/metrics`. */
export function reconcileMetricsText(): string {
  return metricsText();
}
