import type { RelayConfig } from '../config/config-schema';
import type { ReconcileStore } from './reconcile-store';

// PLACEHOLDER (reconcile helper replaces the bodies; the signatures are the contract with the relay).
export interface ReconcileScheduleDeps {
  config: RelayConfig;
  store: ReconcileStore;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

/** Starts the `gravity.schedule` of every game; the relay's `start` calls it. */
export function startReconcileSchedules(_deps: ReconcileScheduleDeps): { stop(): void } {
  return { stop() {} };
}

/** Prometheus text lines about the last reconciliation of each game, appended to `/metrics`. */
export function reconcileMetricsText(): string {
  return '';
}
