import type Database from 'better-sqlite3';
import { whereEquals } from './sqlite-where';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import {
  COUNTED_STATES,
  EVENT_COLUMNS,
  EVENT_KINDS,
  ORDER_COLUMNS,
  claimOrderContext,
  emptyPaymentStats,
  toOrderRecord,
  toStoredEvent,
  type EventRow,
  type OrderRow,
} from './payment-rows';
import type {
  ClaimOutcome,
  NewOrder,
  OrderFilter,
  OrderRecord,
  PaymentEvent,
  PaymentEventKind,
  PaymentStats,
  PaymentStore,
  Settlement,
  StoredPaymentEvent,
} from './payment-store';

/**
 * `PaymentStore` on the relay's SQLite file. Every write is one `BEGIN IMMEDIATE` transaction at the file's
 * `synchronous=FULL`: a proof or a claim is durable before anyone is answered.
 */
export class SqlitePaymentStore implements PaymentStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  private readOrder(appId: string, orderId: string): OrderRecord | undefined {
    const row = this.stmt(`SELECT ${ORDER_COLUMNS} FROM orders WHERE app_id = ? AND order_id = ?`).get(appId, orderId) as OrderRow | undefined;
    return row && toOrderRecord(row);
  }

  async createOrder(o: NewOrder): Promise<void> {
    this.stmt(
      `INSERT INTO orders (app_id, order_id, uid, product_id, quantity, unit_price, amount, currency, env, origin, state,
                           context, client_ip, created_at, next_query_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'relay', 'pending', ?, ?, ?, ?)`,
    ).run(o.appId, o.orderId, o.uid, o.productId, o.quantity, o.unitPrice, o.amount, o.currency, o.env,
      JSON.stringify(o.context), o.clientIp, o.createdAt, o.nextQueryAt);
  }

  async getOrder(appId: string, orderId: string): Promise<OrderRecord | undefined> {
    return this.readOrder(appId, orderId);
  }

  async recordClaim(report: PurchaseReport, clientIp: string, receivedAt: number, queryAt: number): Promise<ClaimOutcome> {
    return this.db
      .transaction((): ClaimOutcome => {
        const order = this.readOrder(report.appId, report.orderId);
        if (order) {
          if (order.uid !== report.uid) return { status: 'conflict', reason: 'the order belongs to another player' };
          if (order.claim !== null) return { status: 'duplicate', order };
          this.stmt('UPDATE orders SET claim = ? WHERE app_id = ? AND order_id = ?').run(JSON.stringify(report), report.appId, report.orderId);
          return { status: 'accepted', order: { ...order, claim: report } };
        }
        this.stmt(
          `INSERT INTO orders (app_id, order_id, uid, product_id, quantity, env, origin, state, context, claim, client_ip,
                               created_at, next_query_at)
           VALUES (?, ?, ?, ?, 1, 0, 'claim', 'pending', ?, ?, ?, ?, ?)`,
        ).run(report.appId, report.orderId, report.uid, report.productId, JSON.stringify(claimOrderContext(report)),
          JSON.stringify(report), clientIp, receivedAt, queryAt);
        return { status: 'accepted', order: this.readOrder(report.appId, report.orderId) as OrderRecord };
      })
      .immediate();
  }

  async settle(appId: string, orderId: string, s: Settlement): Promise<boolean> {
    const res = this.stmt(
      `UPDATE orders SET state = ?, proof = ?, paid_amount = ?, settled_at = ?
       WHERE app_id = ? AND order_id = ? AND state IN ('pending', 'unverified')`,
    ).run(s.state, JSON.stringify(s.proof), s.proof.amount, s.at, appId, orderId);
    return res.changes === 1;
  }

  async claimQueries(now: number, limit: number, leaseMs: number): Promise<OrderRecord[]> {
    const rows = this.stmt(
      `UPDATE orders SET next_query_at = ?
       WHERE id IN (SELECT id FROM orders WHERE state = 'pending' AND next_query_at <= ? ORDER BY next_query_at LIMIT ?)
       RETURNING ${ORDER_COLUMNS}`,
    ).all(now + leaseMs, now, limit) as OrderRow[];
    return rows.map(toOrderRecord);
  }

  async rescheduleQuery(appId: string, orderId: string, nextAt: number, note: string): Promise<void> {
    this.stmt(
      `UPDATE orders SET next_query_at = ?, queries = queries + 1, last_query = ?
       WHERE app_id = ? AND order_id = ? AND state = 'pending'`,
    ).run(nextAt, note, appId, orderId);
  }

  async markUnverified(appId: string, orderId: string, now: number): Promise<boolean> {
    return this.stmt(`UPDATE orders SET state = 'unverified', settled_at = ? WHERE state = 'pending' AND app_id = ? AND order_id = ?`).run(now, appId, orderId).changes === 1;
  }

  async giveUp(appId: string, createdBefore: number, now: number): Promise<number> {
    return this.stmt(
      `UPDATE orders SET state = 'unverified', settled_at = ? WHERE state = 'pending' AND app_id = ? AND created_at < ?`,
    ).run(now, appId, createdBefore).changes;
  }

  async recordEvent(e: PaymentEvent): Promise<boolean> {
    const res = this.stmt(
      `INSERT INTO payment_events (app_id, order_id, kind, event_key, env, amount, detail, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, kind, event_key) DO NOTHING`,
    ).run(e.appId, e.orderId, e.kind, e.eventKey, e.env, e.amount, JSON.stringify(e.detail), e.receivedAt);
    return res.changes === 1;
  }

  async eventsOf(appId: string, orderId: string): Promise<StoredPaymentEvent[]> {
    const rows = this.stmt(`SELECT ${EVENT_COLUMNS} FROM payment_events WHERE app_id = ? AND order_id = ? ORDER BY id`).all(appId, orderId) as EventRow[];
    return rows.map(toStoredEvent);
  }

  async addRefund(appId: string, orderId: string, amount: number): Promise<void> {
    this.stmt('UPDATE orders SET refunded_amount = refunded_amount + ? WHERE app_id = ? AND order_id = ?').run(amount, appId, orderId);
  }

  async listOrders(f: OrderFilter): Promise<OrderRecord[]> {
    const { where, params } = whereEquals({ ...f }, { state: 'state', appId: 'app_id' });
    const rows = this.stmt(`SELECT ${ORDER_COLUMNS} FROM orders ${where} ORDER BY id LIMIT @limit`).all({ ...params, limit: f.limit ?? 100 }) as OrderRow[];
    return rows.map(toOrderRecord);
  }


  async listEvents(f: { kind?: PaymentEventKind; appId?: string; limit?: number }): Promise<StoredPaymentEvent[]> {
    const { where, params } = whereEquals({ ...f }, { kind: 'kind', appId: 'app_id' });
    const rows = this.stmt(`SELECT ${EVENT_COLUMNS} FROM payment_events ${where} ORDER BY id LIMIT @limit`).all({ ...params, limit: f.limit ?? 100 }) as EventRow[];
    return rows.map(toStoredEvent);
  }


  async eventsBetween(appId: string, kind: PaymentEventKind, fromMs: number, toMs: number): Promise<StoredPaymentEvent[]> {
    const rows = this.stmt(
      `SELECT ${EVENT_COLUMNS} FROM payment_events WHERE app_id = ? AND kind = ? AND received_at >= ? AND received_at < ? ORDER BY received_at, id`,
    ).all(appId, kind, fromMs, toMs) as EventRow[];
    return rows.map(toStoredEvent);
  }

  async paymentStats(): Promise<PaymentStats> {
    const stats = emptyPaymentStats();
    const countState = this.stmt("SELECT COUNT(*) FROM orders WHERE state = ?").pluck();
    for (const s of COUNTED_STATES) stats.orders[s] = countState.get(s) as number;
    const countKind = this.stmt('SELECT COUNT(*) FROM payment_events WHERE kind = ?').pluck();
    for (const k of EVENT_KINDS) {
      const n = countKind.get(k) as number;
      if (n > 0) stats.events[k] = n;
    }
    stats.refundedAmount = (this.stmt("SELECT COALESCE(SUM(amount), 0) FROM payment_events WHERE kind = 'refund'").pluck().get() as number) ?? 0;
    return stats;
  }

  async saveSessionKey(appId: string, openid: string, sealed: string, at: number): Promise<void> {
    this.stmt(
      `INSERT INTO session_keys (app_id, openid, sealed, stale, updated_at) VALUES (?, ?, ?, 0, ?)
       ON CONFLICT (app_id, openid) DO UPDATE SET sealed = excluded.sealed, stale = 0, updated_at = excluded.updated_at`,
    ).run(appId, openid, sealed, at);
  }

  async loadSessionKey(appId: string, openid: string): Promise<{ sealed: string; stale: boolean } | undefined> {
    const row = this.stmt('SELECT sealed, stale FROM session_keys WHERE app_id = ? AND openid = ?').get(appId, openid) as
      | { sealed: string; stale: number }
      | undefined;
    return row && { sealed: row.sealed, stale: row.stale === 1 };
  }

  async markSessionKeyStale(appId: string, openid: string, at: number): Promise<void> {
    this.stmt('UPDATE session_keys SET stale = 1, updated_at = ? WHERE app_id = ? AND openid = ?').run(at, appId, openid);
  }
}
