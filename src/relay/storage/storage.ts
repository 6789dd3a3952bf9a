import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { SinkName } from '../config/config-schema';
import type { ReconcileStore } from './reconcile-store';
import type { PaymentStore } from './payment-store';
import type { OrderIdentityField } from './order-identity';

/**
 * The relay's storage. SQLite (`sqlite-storage.ts`) and PostgreSQL (`postgres-storage.ts`) implement it; nothing
 * else in the relay knows which one it has. Every method is async so Postgres fits without changing callers.
 */
export interface Storage extends ReconcileStore {
  /** Orders, platform proofs and sealed session keys (verified revenue), on the same database. */
  readonly payments: PaymentStore;
  /** Runs the versioned migrations not yet applied. Idempotent; safe with several relays starting together. */
  migrate(): Promise<void>;

  /**
   * Stores each report with one delivery row per enabled sink, in one durable transaction (group commit: calls
   * that overlap share a transaction). Resolves only after the commit is durable. Idempotent on
   * `(appId, orderId)`: the same purchase again answers `duplicate`, another purchase under a stored order id
   * answers `rejected` ORDER_ID_CONFLICT (even from another relay at the same moment); neither changes anything.
   * `isFirstPay` is decided inside the transaction: true for the first accepted paid order of (appId, uid).
   */
  ingest(items: readonly IngestItem[]): Promise<IngestOutcome[]>;

  /**
   * Leases up to `limit` due `pending` deliveries of `sink` (next_attempt_at <= now, lease expired or none) until
   * `now + leaseMs`. Postgres uses `FOR UPDATE SKIP LOCKED`, so concurrent relays never claim the same row.
   */
  claimDue(sink: SinkName, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;

  /** Records the result of one attempt. Ignored (returns false) if the lease was lost to someone else. */
  complete(deliveryId: number, leaseToken: string, result: AttemptResult): Promise<boolean>;

  listDeliveries(filter: DeliveryFilter): Promise<DeliveryRow[]>;
  /** Dead → pending, due now, attempts kept. Returns how many rows changed. */
  retryDead(ids: readonly number[] | 'all', now: number): Promise<number>;
  /** Counts for `/metrics` and `/healthz`. */
  stats(): Promise<StorageStats>;
  /**
   * One small step of retention (`retention.ts` repeats it until both counts are 0): up to `limit` purchases
   * received before `slimBefore` whose every delivery is delivered lose their report (but `productId`), client IP
   * and delivery rows; up to `limit` such cut-down purchases paid before `forgetBefore` are deleted. First pay
   * stays exact (`payers`). Never touches a purchase with a pending or dead delivery.
   */
  prune(step: PruneStep): Promise<PruneResult>;
  close(): Promise<void>;
}

export interface PruneStep {
  /** ms: fully delivered purchases received before this are cut down to their identity. */
  slimBefore: number;
  /** ms: cut-down purchases paid before this are forgotten (their order id with them). */
  forgetBefore: number;
  /** Purchases per stage in this step. */
  limit: number;
}

export interface PruneResult {
  slimmed: number;
  forgotten: number;
}

export interface IngestItem {
  report: PurchaseReport;
  clientIp: string;
  receivedAt: number;
  /** The sinks enabled for this report's game at ingest time. */
  sinks: readonly SinkName[];
}

/**
 * `duplicate`: the same purchase is already stored (nothing changes). `rejected` ORDER_ID_CONFLICT: another purchase
 * holds this (appId, orderId) (`order-identity.ts`); `fields` names what differs. Neither stores anything.
 */
export type IngestOutcome =
  | { status: 'accepted'; isFirstPay: boolean }
  | { status: 'duplicate' }
  | { status: 'rejected'; code: 'ORDER_ID_CONFLICT'; fields: OrderIdentityField[] };

export interface ClaimedDelivery {
  id: number;
  sink: SinkName;
  attempts: number;
  /** When the purchase was received (ms): the age limit counts from here. */
  createdAt: number;
  leaseToken: string;
  purchase: {
    report: PurchaseReport;
    isFirstPay: boolean;
    clientIp: string;
    receivedAt: number;
  };
}

export type AttemptResult =
  | { outcome: 'delivered'; at: number }
  | { outcome: 'retry'; at: number; nextAttemptAt: number; error: string }
  | { outcome: 'dead'; at: number; error: string };

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface DeliveryFilter {
  status?: DeliveryStatus;
  sink?: SinkName;
  appId?: string;
  /** @default 100 */
  limit?: number;
}

export interface DeliveryRow {
  id: number;
  appId: string;
  orderId: string;
  sink: SinkName;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface StorageStats {
  purchases: number;
  deliveries: Record<DeliveryStatus, number>;
  /** Pending deliveries per sink (queue depth). */
  pendingBySink: Partial<Record<SinkName, number>>;
  /** Dead deliveries per sink (`relay_deliveries_dead`). Optional: when absent, `/metrics` counts dead rows itself. */
  deadBySink?: Partial<Record<SinkName, number>>;
}
