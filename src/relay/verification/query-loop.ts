import type { GameConfig } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import type { OrderRecord, PaymentStore, Proof } from '../storage/payment-store';
import type { ProveOutcome } from './prove-order';

/** What one query of the platform said about an order. */
export type QueryVerdict = { kind: 'paid'; proof: Proof } | { kind: 'wait'; note: string };

export interface QueryLoopDeps {
  payments: PaymentStore;
  games: ReadonlyMap<string, GameConfig>;
  /** Asks the game's platform about one order. */
  query(game: GameConfig, order: OrderRecord): Promise<QueryVerdict>;
  prove(appId: string, orderId: string, proof: Proof): Promise<ProveOutcome>;
  now(): number;
  log: RelayLogger;
  /** How often the loop looks for due orders. @default 5000 */
  pollMs?: number;
  /** Orders leased per pass. @default 20 */
  batch?: number;
  /** Cap of the wait between two queries of one order. @default 3600000 (1 h) */
  maxQueryGapMs?: number;
}

/** How long an order is leased while it is queried (another relay takes it after this). */
const LEASE_MS = 60_000;

/**
 * The fallback proof: orders still pending `verification.queryAfterSeconds` after creation are asked of the
 * platform, again with doubling gaps (capped), until proven or `giveUpAfterHours` passed (then `unverified`: kept,
 * counted, listed, never delivered). Every relay on one database may run it: leases keep them off each other.
 */
export function startQueryLoop(d: QueryLoopDeps): { stop(): Promise<void>; runOnce(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function runOnce(): Promise<void> {
    const now = d.now();
    for (const game of d.games.values()) {
      const n = await d.payments.giveUp(game.appId, now - game.verification.giveUpAfterHours * 3_600_000, now);
      if (n > 0) d.log.warn({ appId: game.appId, orders: n }, 'orders unverified after the give-up age: kept, never delivered');
    }
    const due = await d.payments.claimQueries(now, d.batch ?? 20, LEASE_MS);
    for (const order of due) {
      if (stopped) return;
      await queryOne(order).catch((err: unknown) => d.log.error({ err, appId: order.appId, orderId: order.orderId }, 'order query failed'));
    }
  }

  async function queryOne(order: OrderRecord): Promise<void> {
    const game = d.games.get(order.appId);
    if (!game) return;
    const verdict = await d.query(game, order);
    if (verdict.kind === 'paid') {
      const outcome = await d.prove(order.appId, order.orderId, verdict.proof);
      if (outcome.kind !== 'anomaly') return;
    }
    const base = game.verification.queryAfterSeconds * 1000;
    const gap = Math.min(base * 2 ** Math.min(order.queries, 20), d.maxQueryGapMs ?? 3_600_000);
    await d.payments.rescheduleQuery(order.appId, order.orderId, d.now() + gap, verdict.kind === 'paid' ? 'paid, but the proof does not fit the order' : verdict.note);
  }

  const tick = () => {
    running = runOnce()
      .catch((err: unknown) => d.log.error({ err }, 'order query pass failed'))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, d.pollMs ?? 5000);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
