import type { Pool, PoolClient } from 'pg';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import {
  COUNTED_STATES,
  EVENT_COLUMNS,
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
 * `PaymentStore` on PostgreSQL, for several relays on one database: a claim takes the order's row lock, query
 * leases take `FOR UPDATE SKIP LOCKED`, events are unique per (app, kind, key), so a push that lands on one relay
 * and the client's report that lands on another meet in one row.
 */
export class PostgresPaymentStore implements PaymentStore {
  constructor(
    private readonly pool: Pool,
    private readonly tx: <T>(fn: (c: PoolClient) => Promise<T>) => Promise<T>,
  ) {}

  private async readOrder(q: Pool | PoolClient, appId: string, orderId: string, lock = false): Promise<OrderRecord | undefined> {
    const r = await q.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE app_id = $1 AND order_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [appId, orderId],
    );
    return r.rows[0] && toOrderRecord(r.rows[0]);
  }

  async createOrder(o: NewOrder): Promise<void> {
    await this.pool.query(
      `INSERT INTO orders (app_id, order_id, uid, product_id, quantity, unit_price, amount, currency, env, origin, state,
                           context, client_ip, created_at, next_query_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'relay', 'pending', $10, $11, $12, $13)`,
      [o.appId, o.orderId, o.uid, o.productId, o.quantity, o.unitPrice, o.amount, o.currency, o.env,
        JSON.stringify(o.context), o.clientIp, o.createdAt, o.nextQueryAt],
    );
  }

  getOrder(appId: string, orderId: string): Promise<OrderRecord | undefined> {
    return this.readOrder(this.pool, appId, orderId);
  }

  recordClaim(report: PurchaseReport, clientIp: string, receivedAt: number, queryAt: number): Promise<ClaimOutcome> {
    return this.tx(async (c): Promise<ClaimOutcome> => {
      // Inserted when absent, then locked: two relays with claims for one order serialize on the row.
      const inserted = await c.query(
        `INSERT INTO orders (app_id, order_id, uid, product_id, quantity, env, origin, state, context, claim, client_ip,
                             created_at, next_query_at)
         VALUES ($1, $2, $3, $4, 1, 0, 'claim', 'pending', $5, $6, $7, $8, $9)
         ON CONFLICT (app_id, order_id) DO NOTHING`,
        [report.appId, report.orderId, report.uid, report.productId, JSON.stringify(claimOrderContext(report)),
          JSON.stringify(report), clientIp, receivedAt, queryAt],
      );
      const order = (await this.readOrder(c, report.appId, report.orderId, true)) as OrderRecord;
      if (inserted.rowCount === 1) return { status: 'accepted', order };
      if (order.uid !== report.uid) return { status: 'conflict', reason: 'the order belongs to another player' };
      if (order.claim !== null) return { status: 'duplicate', order };
      await c.query('UPDATE orders SET claim = $1 WHERE app_id = $2 AND order_id = $3', [JSON.stringify(report), report.appId, report.orderId]);
      return { status: 'accepted', order: { ...order, claim: report } };
    });
  }

  async settle(appId: string, orderId: string, s: Settlement): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE orders SET state = $1, proof = $2, paid_amount = $3, settled_at = $4
       WHERE app_id = $5 AND order_id = $6 AND state IN ('pending', 'unverified')`,
      [s.state, JSON.stringify(s.proof), s.proof.amount, s.at, appId, orderId],
    );
    return r.rowCount === 1;
  }

  async claimQueries(now: number, limit: number, leaseMs: number): Promise<OrderRecord[]> {
    const r = await this.pool.query<OrderRow>(
      `UPDATE orders SET next_query_at = $1
       WHERE id IN (SELECT id FROM orders WHERE state = 'pending' AND next_query_at <= $2
                    ORDER BY next_query_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${ORDER_COLUMNS}`,
      [now + leaseMs, now, limit],
    );
    return r.rows.map(toOrderRecord);
  }

  async rescheduleQuery(appId: string, orderId: string, nextAt: number, note: string): Promise<void> {
    await this.pool.query(
      `UPDATE orders SET next_query_at = $1, queries = queries + 1, last_query = $2
       WHERE app_id = $3 AND order_id = $4 AND state = 'pending'`,
      [nextAt, note, appId, orderId],
    );
  }

  async markUnverified(appId: string, orderId: string, now: number): Promise<boolean> {
    const r = await this.pool.query(`UPDATE orders SET state = 'unverified', settled_at = $1 WHERE state = 'pending' AND app_id = $2 AND order_id = $3`, [now, appId, orderId]);
    return r.rowCount === 1;
  }

  async giveUp(appId: string, createdBefore: number, now: number): Promise<number> {
    const r = await this.pool.query(
      `UPDATE orders SET state = 'unverified', settled_at = $1 WHERE state = 'pending' AND app_id = $2 AND created_at < $3`,
      [now, appId, createdBefore],
    );
    return r.rowCount ?? 0;
  }

  async recordEvent(e: PaymentEvent): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO payment_events (app_id, order_id, kind, event_key, env, amount, detail, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (app_id, kind, event_key) DO NOTHING`,
      [e.appId, e.orderId, e.kind, e.eventKey, e.env, e.amount, JSON.stringify(e.detail), e.receivedAt],
    );
    return r.rowCount === 1;
  }

  async eventsOf(appId: string, orderId: string): Promise<StoredPaymentEvent[]> {
    const r = await this.pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM payment_events WHERE app_id = $1 AND order_id = $2 ORDER BY id`, [appId, orderId]);
    return r.rows.map(toStoredEvent);
  }

  async addRefund(appId: string, orderId: string, amount: number): Promise<void> {
    await this.pool.query('UPDATE orders SET refunded_amount = refunded_amount + $1 WHERE app_id = $2 AND order_id = $3', [amount, appId, orderId]);
  }

  async listOrders(f: OrderFilter): Promise<OrderRecord[]> {
    const r = await this.pool.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR app_id = $2)
       ORDER BY id LIMIT $3`,
      [f.state ?? null, f.appId ?? null, f.limit ?? 100],
    );
    return r.rows.map(toOrderRecord);
  }

  async listEvents(f: { kind?: PaymentEventKind; appId?: string; limit?: number }): Promise<StoredPaymentEvent[]> {
    const r = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM payment_events WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR app_id = $2)
       ORDER BY id LIMIT $3`,
      [f.kind ?? null, f.appId ?? null, f.limit ?? 100],
    );
    return r.rows.map(toStoredEvent);
  }

  async eventsBetween(appId: string, kind: PaymentEventKind, fromMs: number, toMs: number): Promise<StoredPaymentEvent[]> {
    const r = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM payment_events WHERE app_id = $1 AND kind = $2 AND received_at >= $3 AND received_at < $4
       ORDER BY received_at, id`,
      [appId, kind, fromMs, toMs],
    );
    return r.rows.map(toStoredEvent);
  }

  async paymentStats(): Promise<PaymentStats> {
    const stats = emptyPaymentStats();
    const [orders, events, refunded] = await Promise.all([
      this.pool.query<{ state: string; n: number }>(
        `SELECT state, COUNT(*) AS n FROM orders WHERE state = ANY($1::text[]) GROUP BY state`,
        [[...COUNTED_STATES]],
      ),
      this.pool.query<{ kind: PaymentEventKind; n: number }>('SELECT kind, COUNT(*) AS n FROM payment_events GROUP BY kind'),
      this.pool.query<{ s: number }>("SELECT COALESCE(SUM(amount), 0)::bigint AS s FROM payment_events WHERE kind = 'refund'"),
    ]);
    for (const r of orders.rows) stats.orders[r.state as (typeof COUNTED_STATES)[number]] = r.n;
    for (const r of events.rows) stats.events[r.kind] = r.n;
    stats.refundedAmount = refunded.rows[0]?.s ?? 0;
    return stats;
  }

  async saveSessionKey(appId: string, openid: string, sealed: string, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO session_keys (app_id, openid, sealed, stale, updated_at) VALUES ($1, $2, $3, FALSE, $4)
       ON CONFLICT (app_id, openid) DO UPDATE SET sealed = excluded.sealed, stale = FALSE, updated_at = excluded.updated_at`,
      [appId, openid, sealed, at],
    );
  }

  async loadSessionKey(appId: string, openid: string): Promise<{ sealed: string; stale: boolean } | undefined> {
    const r = await this.pool.query<{ sealed: string; stale: boolean }>('SELECT sealed, stale FROM session_keys WHERE app_id = $1 AND openid = $2', [appId, openid]);
    return r.rows[0] && { sealed: r.rows[0].sealed, stale: r.rows[0].stale };
  }

  async markSessionKeyStale(appId: string, openid: string, at: number): Promise<void> {
    await this.pool.query('UPDATE session_keys SET stale = TRUE, updated_at = $1 WHERE app_id = $2 AND openid = $3', [at, appId, openid]);
  }
}
