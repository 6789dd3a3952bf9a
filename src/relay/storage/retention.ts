import type { RelayConfig } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import type { Storage } from './storage';

const DAY_MS = 86_400_000;
/** Purchases per stage of one step: one short transaction, a few ms, between which ingest runs. */
export const PRUNE_BATCH = 200;

export interface RetentionOptions {
  storage: Pick<Storage, 'prune'>;
  retention: RelayConfig['retention'];
  log: Pick<RelayLogger, 'info' | 'error'>;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Retention off the hot path: every `retention.intervalMs` (and once shortly after start) it prunes in steps of
 * `PRUNE_BATCH` purchases, each its own short transaction, with a turn of the event loop between, until a step finds
 * nothing. Several relays on one Postgres may all run it: their steps skip each other's rows.
 */
export function startRetention(options: RetentionOptions): { stop(): Promise<void>; runOnce(): Promise<{ slimmed: number; forgotten: number }> } {
  const { storage, retention, log } = options;
  const now = options.now ?? Date.now;
  let stopped = false;
  let running: Promise<{ slimmed: number; forgotten: number }> | undefined;

  async function pruneAll(): Promise<{ slimmed: number; forgotten: number }> {
    const total = { slimmed: 0, forgotten: 0 };
    while (!stopped) {
      const at = now();
      const step = await storage.prune({ slimBefore: at - retention.deliveredDays * DAY_MS, forgetBefore: at - retention.dedupDays * DAY_MS, limit: PRUNE_BATCH });
      total.slimmed += step.slimmed;
      total.forgotten += step.forgotten;
      if (step.slimmed + step.forgotten === 0) break;
      await new Promise((r) => setImmediate(r));
    }
    if (total.slimmed + total.forgotten > 0) log.info(total, 'retention: delivered purchases cut down, old order ids forgotten');
    return total;
  }

  const runOnce = () => {
    running ??= pruneAll().finally(() => (running = undefined));
    return running;
  };
  const tick = () => void runOnce().catch((err: unknown) => log.error({ err: String(err) }, 'retention step failed; trying again next interval'));
  const first = setTimeout(tick, Math.min(retention.intervalMs, 60_000));
  const timer = setInterval(tick, retention.intervalMs);
  first.unref();
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
