import { createHash } from 'node:crypto';
import type { Clock } from './clock';
import type { ReconcileStore } from '../storage/reconcile-store';

/**
 * At most one Gravity call per `minIntervalMs` per app key, for every relay process on one database and across
 * restarts: the last call time lives in the store, and `reserveCall` is atomic there. The key is a hash of the
 * app key, so apps that share a key share the gate and the secret never lands in the database.
 */
export interface RateGateOptions {
  store: ReconcileStore;
  appKey: string;
  /** `gravity.minCallIntervalSeconds` × 1000. */
  minIntervalMs: number;
  clock: Clock;
}

export interface GateWait {
  /** How long until the next call may go. */
  waitMs: number;
}

export function rateGateKey(appKey: string): string {
  return `gravity:app-key:${createHash('sha256').update(appKey, 'utf8').digest('hex').slice(0, 32)}`;
}

export class RateGate {
  readonly key: string;

  constructor(private readonly opts: RateGateOptions) {
    this.key = rateGateKey(opts.appKey);
  }

  /**
   * Resolves once this process holds the next call slot (recorded in the store). While another call holds the
   * interval, calls `onWait` and sleeps; aborting the signal stops the wait without reserving anything.
   */
  async acquire(onWait?: (w: GateWait) => void, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const r = await this.opts.store.reserveCall(this.key, this.opts.minIntervalMs, this.opts.clock.now());
      if (r.ok) return;
      onWait?.({ waitMs: r.waitMs });
      // Another process may take the slot while we sleep; the loop asks again rather than assuming.
      await this.opts.clock.sleep(Math.max(1, r.waitMs), signal);
    }
  }
}
