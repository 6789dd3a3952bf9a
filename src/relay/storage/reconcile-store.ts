/**
 * What reconciliation needs from the relay's storage. The relay's `Storage` implements it (SQLite and
 * Postgres), so the Gravity rate limit and the resumable cursor survive restarts and are shared by every
 * relay process on one database.
 */
export interface ReconcileStore {
  /**
   * Atomically (across processes): when `now - lastCall(key) >= minIntervalMs`, record `now` as the last call
   * and return `{ok: true}`; otherwise change nothing and return how long to wait.
   */
  reserveCall(key: string, minIntervalMs: number, now: number): Promise<{ ok: true } | { ok: false; waitMs: number }>;
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
  /** Accepted purchases of `appId` whose `paidAt` is in `[fromMs, toMs)`. */
  purchasesBetween(appId: string, fromMs: number, toMs: number): Promise<ReconcilePurchase[]>;
  /** Refunds the platform reported for `appId` (verified revenue), received in `[fromMs, toMs)`, oldest first. */
  refundsBetween(appId: string, fromMs: number, toMs: number): Promise<ReconcileRefund[]>;
}

export interface ReconcileRefund {
  orderId: string;
  refundId: string;
  /** Minor units (fen). */
  amount: number;
  /** 0 live, 1 sandbox (never revenue, listed all the same). */
  env: 0 | 1;
  receivedAt: number;
}

export interface ReconcilePurchase {
  orderId: string;
  uid: string;
  /** Minor units. */
  amount: number;
  currency: string;
  paidAt: number;
}
