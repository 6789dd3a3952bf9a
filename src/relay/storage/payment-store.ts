import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { OrderContext } from '../../shared/schemas/order-api';

/**
 * What the relay keeps to prove payments (verified revenue): the orders it created or was told of, what the
 * platforms said about them, and the players' platform session keys (sealed). SQLite and Postgres implement it
 * (`sqlite-payment-store.ts`, `postgres-payment-store.ts`); `Storage.payments` is the instance.
 */
export interface PaymentStore {
  /** Stores a new order. Rejects if `(appId, orderId)` exists (order ids are random: a clash is a bug). */
  createOrder(order: NewOrder): Promise<void>;
  getOrder(appId: string, orderId: string): Promise<OrderRecord | undefined>;
  /**
   * Keeps a client's report of a paid order as a claim. An order the relay knows gets the claim once
   * (`accepted`, then `duplicate`); a report by another player is a `conflict`. An order the relay does not know
   * becomes an order of origin `claim` (money unknown until the platform says), due for a query at `queryAt`.
   */
  recordClaim(report: PurchaseReport, clientIp: string, receivedAt: number, queryAt: number): Promise<ClaimOutcome>;
  /** Moves a pending order to `paid` (revenue ingested) or `sandbox` (proven, never revenue). False if not pending. */
  settle(appId: string, orderId: string, settlement: Settlement): Promise<boolean>;
  /**
   * Leases up to `limit` pending orders due for a query (`next_query_at <= now`) by moving their `next_query_at`
   * to `now + leaseMs`; several relays never take the same order at once.
   */
  claimQueries(now: number, limit: number, leaseMs: number): Promise<OrderRecord[]>;
  /** After a query: when to ask next and what WeChat said (never a secret). */
  rescheduleQuery(appId: string, orderId: string, nextAt: number, note: string): Promise<void>;
  /** A pending order the platform proved was not paid in money (Douyin DIAMOND) becomes `unverified`: kept, never delivered. */
  markUnverified(appId: string, orderId: string, now: number): Promise<boolean>;
  /** Pending orders of `appId` created before `createdBefore` become `unverified` (kept, never delivered). Returns how many. */
  giveUp(appId: string, createdBefore: number, now: number): Promise<number>;
  /** Stores what a platform said; false when this event (app, kind, key) was already stored. */
  recordEvent(event: PaymentEvent): Promise<boolean>;
  /** The stored events of one order, oldest first. */
  eventsOf(appId: string, orderId: string): Promise<StoredPaymentEvent[]>;
  /** Adds a refund to the order's refunded amount (once per refund id: callers record the event first). */
  addRefund(appId: string, orderId: string, amount: number): Promise<void>;
  listOrders(filter: OrderFilter): Promise<OrderRecord[]>;
  listEvents(filter: { kind?: PaymentEventKind; appId?: string; limit?: number }): Promise<StoredPaymentEvent[]>;
  /** Events of one kind of `appId` received in `[fromMs, toMs)`, oldest first (reconcile's refunds). */
  eventsBetween(appId: string, kind: PaymentEventKind, fromMs: number, toMs: number): Promise<StoredPaymentEvent[]>;
  /** For `/metrics`: orders per non-final state, events per kind, refunded minor units. Index reads only. */
  paymentStats(): Promise<PaymentStats>;

  saveSessionKey(appId: string, openid: string, sealed: string, at: number): Promise<void>;
  /** The sealed key and whether WeChat said it expired; undefined when the player never logged in here. */
  loadSessionKey(appId: string, openid: string): Promise<{ sealed: string; stale: boolean } | undefined>;
  markSessionKeyStale(appId: string, openid: string, at: number): Promise<void>;
}

export type OrderState = 'pending' | 'paid' | 'sandbox' | 'unverified';
export type OrderOrigin = 'relay' | 'claim';

export interface NewOrder {
  appId: string;
  orderId: string;
  uid: string;
  productId: string;
  quantity: number;
  /** Minor units of `currency`, from the catalog. */
  unitPrice: number;
  amount: number;
  currency: string;
  env: 0 | 1;
  context: OrderContext;
  clientIp: string;
  createdAt: number;
  nextQueryAt: number;
}

export interface OrderRecord {
  appId: string;
  orderId: string;
  uid: string;
  /** Null for a claim whose report named none. */
  productId: string | null;
  quantity: number;
  unitPrice: number | null;
  /** The order's amount (relay orders); null for claims until the platform says. */
  amount: number | null;
  currency: string | null;
  env: 0 | 1;
  origin: OrderOrigin;
  state: OrderState;
  context: OrderContext;
  /** The client's report, once it arrived. */
  claim: PurchaseReport | null;
  clientIp: string;
  createdAt: number;
  nextQueryAt: number;
  queries: number;
  lastQuery: string | null;
  proof: Proof | null;
  paidAmount: number | null;
  refundedAmount: number;
  settledAt: number | null;
}

/** What proved a payment: the platform's own words, normalized. */
export interface Proof {
  source: 'push' | 'query';
  /** WeChat's event or API. */
  via: string;
  env: 0 | 1;
  openid: string;
  productId: string | null;
  quantity: number | null;
  /** Minor units paid, from the platform (push `ActualPrice`) or the order when the platform gives none. */
  amount: number;
  currency: string;
  /** ms since epoch, from the platform. */
  paidAt: number;
  transactionId?: string;
  mchOrderNo?: string;
}

export interface Settlement {
  state: 'paid' | 'sandbox';
  proof: Proof;
  at: number;
}

export type ClaimOutcome =
  | { status: 'accepted'; order: OrderRecord }
  | { status: 'duplicate'; order: OrderRecord }
  | { status: 'conflict'; reason: string };

/** `non-cash`: a payment in a platform currency that is not money (Douyin DIAMOND): stored and exported, never revenue. */
export type PaymentEventKind = 'proof' | 'refund' | 'anomaly' | 'sandbox' | 'mock' | 'non-cash';

export interface PaymentEvent {
  appId: string;
  orderId: string;
  kind: PaymentEventKind;
  /** Makes a repeated push a no-op: the order id for a proof, the refund id for a refund, reason + id otherwise. */
  eventKey: string;
  env: 0 | 1;
  amount: number | null;
  /** JSON-able facts (normalized, never a signature or a key). */
  detail: Record<string, unknown>;
  receivedAt: number;
}

export interface StoredPaymentEvent extends PaymentEvent {
  id: number;
}

export interface OrderFilter {
  state?: OrderState;
  appId?: string;
  /** @default 100 */
  limit?: number;
}

export interface PaymentStats {
  orders: Record<Exclude<OrderState, 'paid'>, number>;
  events: Partial<Record<PaymentEventKind, number>>;
  refundedAmount: number;
}
