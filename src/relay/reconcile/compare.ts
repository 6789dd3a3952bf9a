import { CST_OFFSET_MINUTES, formatWallClock } from '../../shared/time/zoned-time';
import type { GravityOrder } from './gravity-order';
import { POSTBACK_STATUSES } from './gravity-wire';
import type { ReconcilePurchase } from '../storage/reconcile-store';
import type { ReconcileWindow } from './reconcile-window';

/**
 * Gravity's orders against the relay's purchases, by order id and amount. Pure: no I/O, no clock.
 *
 * Gravity's rows are taken as its answer for the window (it filtered by `PayEventTime`). Relay purchases are
 * passed in for a wider span (the window ± a margin) so that an order whose client clock and Gravity's event
 * time straddle midnight is matched rather than reported missing on both sides; only relay purchases paid
 * inside the window count as "missing in Gravity".
 */
export interface DiffRow {
  orderId: string;
  /** Relay amount, minor units; absent when the relay lacks the order. */
  relayAmount?: number;
  relayCurrency?: string;
  /** CST wall clock of the relay's `paidAt`. */
  relayPaidAt?: string;
  uid?: string;
  gravityAmount?: number;
  gravityCurrency?: string;
  gravityPayEventTime?: string;
  gravityStatus?: string;
}

export interface ReconcileCounts {
  /** Order ids on both sides (amount mismatches included). */
  both: number;
  missingInGravity: number;
  missingInRelay: number;
  amountMismatch: number;
  /** Extra Gravity rows for an order id already seen: a double count at the ad platform. */
  duplicateInGravity: number;
}

export interface ReconcileReport {
  fromDay: string;
  toDay: string;
  counts: ReconcileCounts;
  /** Gravity postback `Status` of each distinct Gravity order. */
  statusCounts: Record<string, number>;
  missingInGravity: DiffRow[];
  missingInRelay: DiffRow[];
  amountMismatch: DiffRow[];
  duplicateInGravity: DiffRow[];
}

export function compareOrders(gravity: readonly GravityOrder[], relay: readonly ReconcilePurchase[], window: ReconcileWindow): ReconcileReport {
  const relayById = new Map<string, ReconcilePurchase>();
  for (const p of relay) relayById.set(p.orderId, p);

  const seen = new Map<string, GravityOrder>();
  const duplicateInGravity: DiffRow[] = [];
  const statusCounts: Record<string, number> = Object.fromEntries(POSTBACK_STATUSES.map((s) => [s, 0]));
  const missingInRelay: DiffRow[] = [];
  const amountMismatch: DiffRow[] = [];
  let both = 0;

  for (const g of gravity) {
    if (seen.has(g.orderId)) {
      const r = relayById.get(g.orderId);
      duplicateInGravity.push(r ? { ...relaySide(r), ...gravitySide(g) } : gravitySide(g));
      continue;
    }
    seen.set(g.orderId, g);
    statusCounts[g.status] = (statusCounts[g.status] ?? 0) + 1;
    const r = relayById.get(g.orderId);
    if (!r) {
      missingInRelay.push(gravitySide(g));
      continue;
    }
    both += 1;
    // Both sides are integers in minor units; a different currency is a mismatch even if the digits agree.
    if (r.amount !== g.amount || r.currency !== g.currency) amountMismatch.push({ ...relaySide(r), ...gravitySide(g) });
  }

  const missingInGravity: DiffRow[] = [];
  for (const r of relay) {
    if (r.paidAt < window.fromMs || r.paidAt >= window.toMs) continue;
    if (!seen.has(r.orderId)) missingInGravity.push(relaySide(r));
  }

  const byId = (a: DiffRow, b: DiffRow) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
  return {
    fromDay: window.fromDay,
    toDay: window.toDay,
    counts: {
      both,
      missingInGravity: missingInGravity.length,
      missingInRelay: missingInRelay.length,
      amountMismatch: amountMismatch.length,
      duplicateInGravity: duplicateInGravity.length,
    },
    statusCounts,
    missingInGravity: missingInGravity.sort(byId),
    missingInRelay: missingInRelay.sort(byId),
    amountMismatch: amountMismatch.sort(byId),
    duplicateInGravity: duplicateInGravity.sort(byId),
  };
}

function relaySide(r: ReconcilePurchase): DiffRow {
  return {
    orderId: r.orderId,
    relayAmount: r.amount,
    relayCurrency: r.currency,
    relayPaidAt: formatWallClock(r.paidAt, CST_OFFSET_MINUTES),
    uid: r.uid,
  };
}

function gravitySide(g: GravityOrder): DiffRow {
  return {
    orderId: g.orderId,
    gravityAmount: g.amount,
    gravityCurrency: g.currency,
    gravityPayEventTime: g.payEventTime,
    gravityStatus: g.status,
  };
}
