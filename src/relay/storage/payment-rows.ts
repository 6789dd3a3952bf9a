import type { OrderContext } from '../../shared/schemas/order-api';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { ReconcileRefund } from './reconcile-store';
import type { OrderRecord, OrderState, PaymentEventKind, PaymentStats, Proof, StoredPaymentEvent } from './payment-store';

/** The `orders` columns every read selects, the same on SQLite and Postgres. */
export const ORDER_COLUMNS = `app_id, order_id, uid, product_id, quantity, unit_price, amount, currency, env, origin, state,
  context, claim, client_ip, created_at, next_query_at, queries, last_query, proof, paid_amount, refunded_amount, settled_at`;

export interface OrderRow {
  app_id: string;
  order_id: string;
  uid: string;
  product_id: string | null;
  quantity: number;
  unit_price: number | null;
  amount: number | null;
  currency: string | null;
  env: number;
  origin: string;
  state: string;
  context: string;
  claim: string | null;
  client_ip: string;
  created_at: number;
  next_query_at: number;
  queries: number;
  last_query: string | null;
  proof: string | null;
  paid_amount: number | null;
  refunded_amount: number;
  settled_at: number | null;
}

export function toOrderRecord(r: OrderRow): OrderRecord {
  return {
    appId: r.app_id,
    orderId: r.order_id,
    uid: r.uid,
    productId: r.product_id,
    quantity: r.quantity,
    unitPrice: r.unit_price,
    amount: r.amount,
    currency: r.currency,
    env: r.env === 1 ? 1 : 0,
    origin: r.origin === 'claim' ? 'claim' : 'relay',
    state: r.state as OrderState,
    context: JSON.parse(r.context) as OrderContext,
    claim: r.claim === null ? null : (JSON.parse(r.claim) as PurchaseReport),
    clientIp: r.client_ip,
    createdAt: r.created_at,
    nextQueryAt: r.next_query_at,
    queries: r.queries,
    lastQuery: r.last_query,
    proof: r.proof === null ? null : (JSON.parse(r.proof) as Proof),
    paidAmount: r.paid_amount,
    refundedAmount: r.refunded_amount,
    settledAt: r.settled_at,
  };
}

export const EVENT_COLUMNS = 'id, app_id, order_id, kind, event_key, env, amount, detail, received_at';

export interface EventRow {
  id: number;
  app_id: string;
  order_id: string;
  kind: string;
  event_key: string;
  env: number;
  amount: number | null;
  detail: string;
  received_at: number;
}

export function toStoredEvent(r: EventRow): StoredPaymentEvent {
  return {
    id: r.id,
    appId: r.app_id,
    orderId: r.order_id,
    kind: r.kind as PaymentEventKind,
    eventKey: r.event_key,
    env: r.env === 1 ? 1 : 0,
    amount: r.amount,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    receivedAt: r.received_at,
  };
}

/** The claim a client report makes for an order the relay never created: what the report says, money unknown. */
export function claimOrderContext(report: PurchaseReport): OrderContext {
  const { device, netType, scene, zone, gameUid, gameNickname, level, playerId, country, serverId, characterId, sdkVersion } = report;
  return { device, netType, scene, zone, gameUid, gameNickname, level, playerId, country, serverId, characterId, sdkVersion };
}

/** Counted in `paymentStats` (every state but `paid`, which grows without bound). */
export const COUNTED_STATES = ['pending', 'sandbox', 'unverified'] as const;
export const EVENT_KINDS: readonly PaymentEventKind[] = ['proof', 'refund', 'anomaly', 'sandbox', 'mock', 'non-cash'];

export function emptyPaymentStats(): PaymentStats {
  return { orders: { pending: 0, sandbox: 0, unverified: 0 }, events: {}, refundedAmount: 0 };
}

/** Refund events as reconcile lists them (the refund id is the event key). */
export function toReconcileRefunds(events: readonly StoredPaymentEvent[]): ReconcileRefund[] {
  return events.map((e) => ({ orderId: e.orderId, refundId: e.eventKey, amount: e.amount ?? 0, env: e.env, receivedAt: e.receivedAt }));
}
