import type { ReconcileCounts } from './compare';

/** The last scheduled reconciliation of each game, as `/metrics` shows it. Process-wide, like the registry. */
export interface LastReconcile {
  /** The China-time day reconciled. */
  day: string;
  /** ms since epoch. */
  finishedAt: number;
  counts: ReconcileCounts;
  statusCounts: Record<string, number>;
}

const lastOk = new Map<string, LastReconcile>();
const lastFailure = new Map<string, number>();

export function recordReconcile(appId: string, r: LastReconcile): void {
  const prev = lastOk.get(appId);
  if (!prev || prev.finishedAt <= r.finishedAt) lastOk.set(appId, r);
}

export function recordReconcileFailure(appId: string, at: number): void {
  lastFailure.set(appId, at);
}

/** Forgets everything (tests). */
export function resetReconcileMetrics(): void {
  lastOk.clear();
  lastFailure.clear();
}

const KINDS: [keyof ReconcileCounts, string][] = [
  ['both', 'both'],
  ['missingInGravity', 'missing_in_gravity'],
  ['missingInRelay', 'missing_in_relay'],
  ['amountMismatch', 'amount_mismatch'],
  ['duplicateInGravity', 'duplicate_in_gravity'],
];

export function metricsText(): string {
  if (lastOk.size === 0 && lastFailure.size === 0) return '';
  const out: string[] = [];
  const apps = [...lastOk.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  out.push('# HELP relay_reconcile_last_run_timestamp_seconds When the last successful scheduled Gravity reconciliation finished.');
  out.push('# TYPE relay_reconcile_last_run_timestamp_seconds gauge');
  for (const [app, r] of apps) out.push(`relay_reconcile_last_run_timestamp_seconds{app="${label(app)}"} ${Math.floor(r.finishedAt / 1000)}`);
  out.push('# HELP relay_reconcile_orders Orders by outcome in the last successful scheduled reconciliation (both includes amount mismatches).');
  out.push('# TYPE relay_reconcile_orders gauge');
  for (const [app, r] of apps) for (const [key, kind] of KINDS) out.push(`relay_reconcile_orders{app="${label(app)}",kind="${kind}"} ${r.counts[key]}`);
  out.push('# HELP relay_reconcile_gravity_postback_orders Gravity postback status of the orders in the last successful reconciliation.');
  out.push('# TYPE relay_reconcile_gravity_postback_orders gauge');
  for (const [app, r] of apps) {
    for (const [status, n] of Object.entries(r.statusCounts).sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push(`relay_reconcile_gravity_postback_orders{app="${label(app)}",status="${label(status)}"} ${n}`);
    }
  }
  if (lastFailure.size > 0) {
    out.push('# HELP relay_reconcile_last_failure_timestamp_seconds When a scheduled reconciliation last failed.');
    out.push('# TYPE relay_reconcile_last_failure_timestamp_seconds gauge');
    for (const [app, at] of [...lastFailure.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push(`relay_reconcile_last_failure_timestamp_seconds{app="${label(app)}"} ${Math.floor(at / 1000)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
