import { createHash } from 'node:crypto';
import { Pool, type PoolClient, types as pgTypes } from 'pg';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { SinkName } from '../config/config-schema';
import type { ReconcilePurchase, ReconcileRefund } from './reconcile-store';
import { toReconcileRefunds } from './payment-rows';
import { createGroupCommit, type GroupCommit } from './group-commit';
import { POSTGRES_MIGRATIONS } from './migrations/postgres-migrations';
import { conflictingFields, type OrderIdentity } from './order-identity';
import { decodeStoredReport, encodeStoredReport, type ReportColumns } from './stored-report';
import type { Migration } from './migrations/sqlite-migrations';
import type {
  AttemptResult,
  ClaimedDelivery,
  DeliveryFilter,
  DeliveryRow,
  DeliveryStatus,
  IngestItem,
  IngestOutcome,
  PruneResult,
  PruneStep,
  Storage,
  StorageStats,
} from './storage';
import { PostgresPaymentStore } from './postgres-payment-store';
import { DELIVERY_LIST_COLUMNS, toDeliveryRow, type DeliveryListRow } from './delivery-row';

export interface PostgresStorageOptions {
  /** Connections in this relay's pool. @default 10 */
  maxConnections?: number;
  /** Reports per ingest group at most. @default 500 */
  maxGroupItems?: number;
  /** Called once per committed ingest transaction with its item count (tests count transactions with it). */
  onIngestCommit?: (items: number) => void;
  /** The migrations to apply. @default POSTGRES_MIGRATIONS */
  migrations?: readonly Migration[];
  /** How often a transaction that lost a deadlock or serialization race is run again. @default 5 */
  conflictRetries?: number;
}

interface CompleteItem {
  id: number;
  token: string;
  result: AttemptResult;
}

/** Keys of `sync_state` that `reserveCall` owns, apart from what `setState` writes (as on SQLite). */
const CALL_KEY_PREFIX = 'last-call:';
/** The advisory lock every relay takes to migrate, so two relays starting together apply each migration once. */
const MIGRATION_LOCK = '7263041055300001';
const INT8_OID = 20;

/**
 * BIGINT columns hold ms timestamps, ids and minor-unit amounts, all below 2^53: read them as numbers. Set on this
 * pool's clients only, so nothing else in the process that uses `pg` is affected.
 */
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : (pgTypes.getTypeParser(oid, format ?? 'text') as (v: string) => unknown)) as typeof pgTypes.getTypeParser,
};

/** A signed 64-bit advisory-lock key for a string, as text for a `bigint[]` parameter. */
function lockKey(text: string): string {
  return createHash('sha256').update(text).digest().readBigInt64BE(0).toString();
}

/**
 * The relay's storage on PostgreSQL, for several relays sharing one database: claims take `FOR UPDATE SKIP LOCKED`
 * so no two relays lease the same delivery; ingest is `INSERT ... ON CONFLICT DO NOTHING` under advisory locks of
 * the (app, uid) and (app, order) it touches, taken in one global order, so first pay and order-id conflicts are exact
 * across relays and * two groups never deadlock; `reserveCall` is one conditional upsert. Commits are durable at the server's
 * `synchronous_commit` (on by default) before any caller is answered.
 */
export class PostgresStorage implements Storage {
  private readonly pool: Pool;
  private readonly ingestGroup: GroupCommit<IngestItem, IngestOutcome>;
  private readonly completeGroup: GroupCommit<CompleteItem, boolean>;
  private readonly migrations: readonly Migration[];
  private closed = false;
  readonly payments: PostgresPaymentStore;

  constructor(
    connectionString: string,
    private readonly options: PostgresStorageOptions = {},
  ) {
    this.pool = new Pool({ connectionString, max: options.maxConnections ?? 10, types: typeParsers });
    // An idle client that loses its server emits here; without a listener it would crash the relay.
    this.pool.on('error', () => undefined);
    this.migrations = options.migrations ?? POSTGRES_MIGRATIONS;
    this.payments = new PostgresPaymentStore(this.pool, (fn) => this.inTransaction(fn));
    this.ingestGroup = createGroupCommit({ run: (items) => this.inTransaction((c) => this.ingestNow(c, items)), maxItems: options.maxGroupItems ?? 500 });
    this.completeGroup = createGroupCommit({ run: (items) => this.inTransaction((c) => this.completeNow(c, items)), maxItems: 1000 });
  }

  /** Runs `fn` in a transaction, again when it lost a deadlock (40P01) or a serialization race (40001). */
  private async inTransaction<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const retries = this.options.conflictRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      const c = await this.pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        const code = (err as { code?: string }).code;
        if ((code === '40P01' || code === '40001') && attempt < retries) continue;
        throw err;
      } finally {
        c.release();
      }
    }
  }

  async migrate(): Promise<void> {
    await this.inTransaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    });
    for (const m of [...this.migrations].sort((a, b) => a.version - b.version)) {
      await this.inTransaction(async (c) => {
        // Checked again under the lock: another relay starting at the same moment may have applied it.
        await c.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
        const applied = await c.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (applied.rowCount) return;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
      });
    }
  }

  /** Applied migration versions, in order. */
  async appliedMigrations(): Promise<number[]> {
    const r = await this.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    return r.rows.map((row) => row.version);
  }

  ingest(items: readonly IngestItem[]): Promise<IngestOutcome[]> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return this.ingestGroup.submit(items);
  }

  private async ingestNow(c: PoolClient, items: readonly IngestItem[]): Promise<IngestOutcome[]> {
    const keys = new Set<string>();
    for (const { report: r } of items) {
      keys.add(lockKey(`uid\0${r.appId}\0${r.uid}`));
      keys.add(lockKey(`order\0${r.appId}\0${r.orderId}`));
    }
    // Sorted, so any two groups lock shared keys in the same order and cannot deadlock; `unnest` keeps array order.
    // Held to commit, the locks also mean no other relay can insert these orders or purchases of these players
    // meanwhile: what the next two reads see stays true until this transaction commits.
    const sorted = [...keys].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    await c.query('SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k', [sorted]);

    const apps = items.map((i) => i.report.appId);
    const stored = await c.query<{ a: string; k: string; uid: string; amount: number; currency: string; report: string }>(
      `SELECT p.app_id AS a, p.order_id AS k, p.uid, p.amount, p.currency, p.report FROM purchases p
       JOIN unnest($1::text[], $2::text[]) AS x(a, o) ON p.app_id = x.a AND p.order_id = x.o`,
      [apps, items.map((i) => i.report.orderId)],
    );
    const paid = await c.query<{ a: string; k: string }>(
      `SELECT DISTINCT x.a, x.u AS k FROM unnest($1::text[], $2::text[]) AS x(a, u)
       WHERE EXISTS (SELECT 1 FROM payers p WHERE p.app_id = x.a AND p.uid = x.u)`,
      [apps, items.map((i) => i.report.uid)],
    );
    const knownOrders = new Map<string, OrderIdentity>(
      stored.rows.map((r) => [`${r.a}\0${r.k}`, { ...r, productId: (JSON.parse(r.report) as PurchaseReport).productId }]),
    );
    const payingUids = new Set(paid.rows.map((r) => `${r.a}\0${r.k}`));

    // Decided in order: a repeated order in the group is judged against the first (duplicate or conflict), and first
    // pay sees the group's earlier purchases as well as every committed one.
    const outcomes: IngestOutcome[] = [];
    const fresh: Array<{ item: IngestItem; isFirstPay: boolean }> = [];
    for (const item of items) {
      const r = item.report;
      const orderKey = `${r.appId}\0${r.orderId}`;
      const known = knownOrders.get(orderKey);
      if (known) {
        const fields = conflictingFields(known, r);
        outcomes.push(fields.length === 0 ? { status: 'duplicate' } : { status: 'rejected', code: 'ORDER_ID_CONFLICT', fields });
        continue;
      }
      knownOrders.set(orderKey, r);
      const uidKey = `${r.appId}\0${r.uid}`;
      const isFirstPay = !payingUids.has(uidKey);
      payingUids.add(uidKey);
      fresh.push({ item, isFirstPay });
      outcomes.push({ status: 'accepted', isFirstPay });
    }
    if (fresh.length > 0) await this.insertFresh(c, fresh);
    this.options.onIngestCommit?.(items.length);
    return outcomes;
  }

  /** The accepted purchases of a group and their deliveries: two statements, whatever the group's size. */
  private async insertFresh(c: PoolClient, fresh: ReadonlyArray<{ item: IngestItem; isFirstPay: boolean }>): Promise<void> {
    const col = <T>(f: (x: { item: IngestItem; isFirstPay: boolean }) => T) => fresh.map(f);
    const inserted = await c.query<{ id: number; app_id: string; order_id: string }>(
      `INSERT INTO purchases (app_id, order_id, uid, amount, currency, paid_at, is_first_pay, client_ip, received_at, report)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::boolean[],
                            $8::text[], $9::bigint[], $10::text[])
       ON CONFLICT (app_id, order_id) DO NOTHING
       RETURNING id, app_id, order_id`,
      [
        col((x) => x.item.report.appId),
        col((x) => x.item.report.orderId),
        col((x) => x.item.report.uid),
        col((x) => x.item.report.amount),
        col((x) => x.item.report.currency),
        col((x) => x.item.report.paidAt),
        col((x) => x.isFirstPay),
        col((x) => x.item.clientIp),
        col((x) => x.item.receivedAt),
        col((x) => encodeStoredReport(x.item.report)),
      ],
    );
    // The locks make a conflict impossible; if one happened anyway, failing the group loses nothing (no caller
    // has been answered) where answering "accepted" for a row not written would.
    if (inserted.rowCount !== fresh.length) throw new Error(`ingest: ${inserted.rowCount} of ${fresh.length} purchases written`);
    const ids = new Map(inserted.rows.map((r) => [`${r.app_id}\0${r.order_id}`, r.id]));
    const purchaseIds: number[] = [];
    const sinks: string[] = [];
    const times: number[] = [];
    for (const { item } of fresh) {
      const id = ids.get(`${item.report.appId}\0${item.report.orderId}`)!;
      for (const sink of new Set(item.sinks)) {
        purchaseIds.push(id);
        sinks.push(sink);
        times.push(item.receivedAt);
      }
    }
    const payers = fresh.filter((x) => x.isFirstPay);
    if (payers.length > 0) {
      await c.query('INSERT INTO payers (app_id, uid) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [
        payers.map((x) => x.item.report.appId),
        payers.map((x) => x.item.report.uid),
      ]);
    }
    if (purchaseIds.length === 0) return;
    await c.query(
      `INSERT INTO deliveries (purchase_id, sink, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT p, s, 'pending', 0, t, t, t FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS x(p, s, t)`,
      [purchaseIds, sinks, times],
    );
  }

  async claimDue(sink: SinkName, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    // SKIP LOCKED: rows another relay is leasing right now are passed over, not waited for; a row it leased and
    // committed meanwhile fails the re-checked lease condition. One statement, so the lease commits at once.
    const r = await this.pool.query<ClaimRow>(
      `WITH due AS (
         SELECT id FROM deliveries
         WHERE sink = $1 AND status = 'pending' AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
         ORDER BY next_attempt_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE deliveries d SET lease_until = $4, lease_token = gen_random_uuid()::text
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.sink, d.attempts, d.created_at, d.lease_token, d.next_attempt_at, d.purchase_id
       )
       SELECT c.id, c.sink, c.attempts, c.created_at, c.lease_token, p.report, p.is_first_pay, p.client_ip, p.received_at,
              p.app_id, p.order_id, p.uid, p.amount, p.currency, p.paid_at
       FROM claimed c JOIN purchases p ON p.id = c.purchase_id
       ORDER BY c.next_attempt_at, c.id`,
      [sink, now, limit, now + leaseMs],
    );
    return r.rows.map((row) => ({
      id: row.id,
      sink: row.sink as SinkName,
      attempts: row.attempts,
      createdAt: row.created_at,
      leaseToken: row.lease_token,
      purchase: {
        report: decodeStoredReport(row.report, row),
        isFirstPay: row.is_first_pay,
        clientIp: row.client_ip,
        receivedAt: row.received_at,
      },
    }));
  }

  complete(deliveryId: number, leaseToken: string, result: AttemptResult): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return this.completeGroup.submit([{ id: deliveryId, token: leaseToken, result }]).then((r) => r[0]);
  }

  private async completeNow(c: PoolClient, items: readonly CompleteItem[]): Promise<boolean[]> {
    // One statement for the whole group. The token is cleared on completion, so a second completion with the same
    // token is refused, in a later group by the WHERE and within this group by `first` below.
    const r = await c.query<{ id: number; token: string }>(
      `UPDATE deliveries d SET status = x.status, attempts = d.attempts + 1, next_attempt_at = COALESCE(x.next, d.next_attempt_at),
         lease_until = NULL, lease_token = NULL, last_error = x.error, updated_at = x.at
       FROM (SELECT DISTINCT ON (id, token) * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[])
             WITH ORDINALITY AS u(id, token, status, next, error, at, n) ORDER BY id, token, n) AS x
       WHERE d.id = x.id AND d.lease_token = x.token AND d.status = 'pending'
       RETURNING d.id, x.token`,
      [
        items.map((i) => i.id),
        items.map((i) => i.token),
        items.map((i) => (i.result.outcome === 'retry' ? 'pending' : i.result.outcome)),
        items.map((i) => (i.result.outcome === 'retry' ? i.result.nextAttemptAt : null)),
        items.map((i) => (i.result.outcome === 'delivered' ? null : i.result.error)),
        items.map((i) => i.result.at),
      ],
    );
    const won = new Set(r.rows.map((row) => `${row.id}\0${row.token}`));
    return items.map((i) => won.delete(`${i.id}\0${i.token}`));
  }

  async listDeliveries(filter: DeliveryFilter): Promise<DeliveryRow[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status) add('d.status = ?', filter.status);
    if (filter.sink) add('d.sink = ?', filter.sink);
    if (filter.appId) add('p.app_id = ?', filter.appId);
    params.push(filter.limit ?? 100);
    const r = await this.pool.query<DeliveryListRow>(
      `SELECT ${DELIVERY_LIST_COLUMNS}
       FROM deliveries d JOIN purchases p ON p.id = d.purchase_id
       ${clauses.length ? 'WHERE ' + clauses.join(' AND ') : ''} ORDER BY d.id LIMIT $${params.length}`,
      params,
    );
    return r.rows.map(toDeliveryRow);
  }

  async retryDead(ids: readonly number[] | 'all', now: number): Promise<number> {
    const set = `SET status = 'pending', next_attempt_at = $1, lease_until = NULL, lease_token = NULL, updated_at = $1`;
    const r =
      ids === 'all'
        ? await this.pool.query(`UPDATE deliveries ${set} WHERE status = 'dead'`, [now])
        : await this.pool.query(`UPDATE deliveries ${set} WHERE status = 'dead' AND id = ANY($2::bigint[])`, [now, ids]);
    return r.rowCount ?? 0;
  }

  async stats(): Promise<StorageStats> {
    const [purchases, rows] = await Promise.all([
      this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM purchases'),
      this.pool.query<{ sink: SinkName; status: DeliveryStatus; n: number }>('SELECT sink, status, COUNT(*) AS n FROM deliveries GROUP BY sink, status'),
    ]);
    const stats: StorageStats = { purchases: purchases.rows[0].n, deliveries: { pending: 0, delivered: 0, dead: 0 }, pendingBySink: {}, deadBySink: {} };
    for (const r of rows.rows) {
      stats.deliveries[r.status] += r.n;
      if (r.status === 'pending') stats.pendingBySink[r.sink] = r.n;
      if (r.status === 'dead') stats.deadBySink![r.sink] = r.n;
    }
    return stats;
  }

  async prune(step: PruneStep): Promise<PruneResult> {
    // SKIP LOCKED: relays pruning at once take different purchases. Rows are locked before their deliveries go.
    const slimmed = await this.inTransaction((c) =>
      c.query(
        `WITH c AS (
           SELECT p.id FROM purchases p
           WHERE NOT p.slim AND p.received_at < $1
             AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.purchase_id = p.id AND d.status <> 'delivered')
           ORDER BY p.received_at LIMIT $2 FOR UPDATE SKIP LOCKED
         ), gone AS (DELETE FROM deliveries d USING c WHERE d.purchase_id = c.id)
         UPDATE purchases p SET slim = true, client_ip = '', report = json_build_object('productId', p.report::json->>'productId')::text
         FROM c WHERE p.id = c.id`,
        [step.slimBefore, step.limit],
      ),
    );
    // Per game, along (app_id, paid_at); the games are read by a loose index scan of the (app_id, order_id) index.
    const apps = await this.pool.query<{ app_id: string }>(
      `WITH RECURSIVE a(app_id) AS (
         SELECT MIN(app_id) FROM purchases
         UNION ALL SELECT (SELECT MIN(app_id) FROM purchases WHERE app_id > a.app_id) FROM a WHERE a.app_id IS NOT NULL
       ) SELECT app_id FROM a WHERE app_id IS NOT NULL`,
    );
    let forgotten = 0;
    for (const { app_id: app } of apps.rows) {
      if (forgotten >= step.limit) break;
      const r = await this.pool.query(
        `DELETE FROM purchases WHERE id IN (
           SELECT id FROM purchases WHERE app_id = $1 AND paid_at < $2 AND slim ORDER BY paid_at LIMIT $3 FOR UPDATE SKIP LOCKED)`,
        [app, step.forgetBefore, step.limit - forgotten],
      );
      forgotten += r.rowCount ?? 0;
    }
    return { slimmed: slimmed.rowCount ?? 0, forgotten };
  }

  async reserveCall(key: string, minIntervalMs: number, now: number): Promise<{ ok: true } | { ok: false; waitMs: number }> {
    const k = CALL_KEY_PREFIX + key;
    // One statement: ON CONFLICT locks the row and re-checks the condition on its latest version, so of many
    // relays calling at once exactly one sees the update happen.
    const won = await this.pool.query(
      `INSERT INTO sync_state (key, value, updated_at) VALUES ($1, $2::bigint::text, $2)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
       WHERE sync_state.value::bigint <= $2::bigint - $3::bigint
       RETURNING 1`,
      [k, now, minIntervalMs],
    );
    if (won.rowCount === 1) return { ok: true };
    const last = await this.pool.query<{ value: string }>('SELECT value FROM sync_state WHERE key = $1', [k]);
    const lastCall = Number(last.rows[0]?.value ?? now);
    return { ok: false, waitMs: Math.max(1, lastCall + minIntervalMs - now) };
  }

  async getState(key: string): Promise<string | undefined> {
    const r = await this.pool.query<{ value: string }>('SELECT value FROM sync_state WHERE key = $1', [key]);
    return r.rows[0]?.value;
  }

  async setState(key: string, value: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO sync_state (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, value, Date.now()],
    );
  }

  async refundsBetween(appId: string, fromMs: number, toMs: number): Promise<ReconcileRefund[]> {
    return toReconcileRefunds(await this.payments.eventsBetween(appId, 'refund', fromMs, toMs));
  }

  async purchasesBetween(appId: string, fromMs: number, toMs: number): Promise<ReconcilePurchase[]> {
    const r = await this.pool.query<ReconcilePurchase>(
      `SELECT order_id AS "orderId", uid, amount, currency, paid_at AS "paidAt" FROM purchases
       WHERE app_id = $1 AND paid_at >= $2 AND paid_at < $3 ORDER BY paid_at, id`,
      [appId, fromMs, toMs],
    );
    return r.rows;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.ingestGroup.idle(), this.completeGroup.idle()]);
    await this.pool.end();
  }
}

/** The factory `open-storage.ts` loads for `storage: {"postgres": URL}`. Connects lazily; does not migrate. */
export function openPostgresStorage(connectionString: string): Storage {
  return new PostgresStorage(connectionString);
}

interface ClaimRow extends ReportColumns {
  id: number;
  sink: string;
  attempts: number;
  created_at: number;
  lease_token: string;
  report: string;
  is_first_pay: boolean;
  client_ip: string;
  received_at: number;
}

