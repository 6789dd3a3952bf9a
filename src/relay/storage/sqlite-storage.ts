import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { SinkName } from '../config/config-schema';
import type { ReconcilePurchase, ReconcileRefund } from './reconcile-store';
import { toReconcileRefunds } from './payment-rows';
import { createGroupCommit, type GroupCommit } from './group-commit';
import { conflictingFields } from './order-identity';
import { decodeStoredReport, encodeStoredReport, type ReportColumns } from './stored-report';
import { SQLITE_MIGRATIONS, type Migration } from './migrations/sqlite-migrations';
import type {
  AttemptResult,
  ClaimedDelivery,
  DeliveryFilter,
  DeliveryRow,
  IngestItem,
  IngestOutcome,
  PruneResult,
  PruneStep,
  Storage,
  StorageStats,
} from './storage';
import { SqlitePaymentStore } from './sqlite-payment-store';
import { whereEquals } from './sqlite-where';
import { DELIVERY_LIST_COLUMNS, toDeliveryRow, type DeliveryListRow } from './delivery-row';

export interface SqliteStorageOptions {
  /** How long a writer waits for another process's lock before failing. @default 5000 */
  busyTimeoutMs?: number;
  /** Reports per ingest group at most. @default 500 */
  maxGroupItems?: number;
  /** Called once per committed ingest transaction with its item count (tests count transactions with it). @default none */
  onIngestCommit?: (items: number) => void;
  /**
   * How long a delivery result waits for others to share its commit. 0 = the next turn of the event loop, which
   * already gathers the results of every sink woken by the same I/O; a timer window costs a whole extra loop turn
   * per attempt when ingest keeps the loop busy (measured: a third fewer Tianmu deliveries during a load test).
   * @default 0
   */
  completeWindowMs?: number;
  /** The migrations to apply. @default SQLITE_MIGRATIONS */
  migrations?: readonly Migration[];
}

interface CompleteItem {
  id: number;
  token: string;
  result: AttemptResult;
}

/**
 * The queries of `stats()`, each an index lookup or range (a test checks their plans). Row counts come from the
 * largest rowid: SQLite assigns every id (max + 1; a rolled-back or conflicting insert leaves no gap) and retention
 * never deletes the largest (`prune`), so the largest id is the count of every purchase and delivery ever stored. Pending and dead rows are counted
 * per sink in `deliveries_due` (sink, status, ...), whose ranges are as small as the queue; delivered is the rest.
 */
export const SQLITE_STATS_QUERIES = {
  purchases: 'SELECT COALESCE(MAX(id), 0) FROM purchases',
  deliveries: 'SELECT COALESCE(MAX(id), 0) FROM deliveries',
  /** The distinct sinks, one index seek each (a skip scan written out). */
  sinks: `WITH RECURSIVE s(sink) AS (
            SELECT MIN(sink) FROM deliveries
            UNION ALL SELECT (SELECT MIN(sink) FROM deliveries WHERE sink > s.sink) FROM s WHERE s.sink IS NOT NULL
          ) SELECT sink FROM s WHERE sink IS NOT NULL`,
  bySinkStatus: 'SELECT COUNT(*) FROM deliveries WHERE sink = ? AND status = ?',
} as const;

/** Keys of `sync_state` that `reserveCall` owns, apart from what `setState` writes. */
const CALL_KEY_PREFIX = 'last-call:';

/**
 * The relay's storage on one SQLite file: WAL, `synchronous=FULL` for ingest and admin writes (a commit survives a
 * power cut), `NORMAL` for claims and delivery results (they survive a process kill; a power cut can cost a resend),
 * every write in `BEGIN IMMEDIATE` so several processes on one file serialize instead of failing mid-transaction.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly ingestGroup: GroupCommit<IngestItem, IngestOutcome>;
  private readonly completeGroup: GroupCommit<CompleteItem, boolean>;
  private readonly migrations: readonly Migration[];
  private closed = false;
  private readonly statements = new Map<string, Database.Statement>();
  readonly payments: SqlitePaymentStore;

  constructor(
    readonly file: string,
    private readonly options: SqliteStorageOptions = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.pragma('journal_mode = WAL');
    // The WAL file keeps its largest size unless told otherwise: a burst would hold that disk for good.
    this.db.pragma('journal_size_limit = 67108864');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.migrations = options.migrations ?? SQLITE_MIGRATIONS;
    this.payments = new SqlitePaymentStore(this.db);
    this.ingestGroup = createGroupCommit({
      run: (items) => this.ingestNow(items),
      maxItems: options.maxGroupItems ?? 500,
    });
    // Completions are grouped too: a drain of many deliveries costs a few fsyncs, not one per delivery.
    this.completeGroup = createGroupCommit({
      run: (items) => this.completeNow(items),
      maxItems: 1000,
      windowMs: options.completeWindowMs ?? 0,
    });
  }

  /** Prepared once per SQL text: preparing on every call would cost more than the work on a hot path. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const isApplied = this.stmt('SELECT 1 FROM schema_migrations WHERE version = ?');
    const record = this.stmt('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (const m of [...this.migrations].sort((a, b) => a.version - b.version)) {
      // Checked again inside the lock: another relay starting at the same moment may have applied it.
      this.db
        .transaction(() => {
          if (isApplied.get(m.version)) return;
          this.db.exec(m.sql);
          record.run(m.version, Date.now());
        })
        .immediate();
    }
  }

  /** Applied migration versions, in order. */
  appliedMigrations(): number[] {
    return this.stmt('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((r) => (r as { version: number }).version);
  }

  ingest(items: readonly IngestItem[]): Promise<IngestOutcome[]> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return this.ingestGroup.submit(items);
  }

  private ingestNow(items: readonly IngestItem[]): IngestOutcome[] {
    const hasPrior = this.stmt('SELECT 1 FROM payers WHERE app_id = ? AND uid = ?');
    const addPayer = this.stmt('INSERT OR IGNORE INTO payers (app_id, uid) VALUES (?, ?)');
    const stored = this.stmt('SELECT uid, amount, currency, report FROM purchases WHERE app_id = ? AND order_id = ?');
    const insert = this.stmt(
      `INSERT INTO purchases (app_id, order_id, uid, amount, currency, paid_at, is_first_pay, client_ip, received_at, report)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, order_id) DO NOTHING`,
    );
    const addDelivery = this.stmt(
      `INSERT INTO deliveries (purchase_id, sink, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, 'pending', 0, ?, ?, ?)`,
    );
    const outcomes = this.db
      .transaction((): IngestOutcome[] =>
        // Items run one after the other inside the transaction, so a repeated order id in the same group is judged
        // against the first (duplicate or conflict), and first-pay sees the group's earlier purchases.
        items.map((item): IngestOutcome => {
          const r = item.report;
          const isFirstPay = !hasPrior.get(r.appId, r.uid);
          const res = insert.run(
            r.appId, r.orderId, r.uid, r.amount, r.currency, r.paidAt, isFirstPay ? 1 : 0,
            item.clientIp, item.receivedAt, encodeStoredReport(r),
          );
          if (res.changes === 0) {
            const row = stored.get(r.appId, r.orderId) as StoredIdentityRow;
            const fields = conflictingFields({ ...row, productId: (JSON.parse(row.report) as PurchaseReport).productId }, r);
            return fields.length === 0 ? { status: 'duplicate' } : { status: 'rejected', code: 'ORDER_ID_CONFLICT', fields };
          }
          if (isFirstPay) addPayer.run(r.appId, r.uid);
          for (const sink of new Set(item.sinks)) {
            addDelivery.run(res.lastInsertRowid, sink, item.receivedAt, item.receivedAt, item.receivedAt);
          }
          return { status: 'accepted', isFirstPay };
        }),
      )
      .immediate();
    this.options.onIngestCommit?.(items.length);
    return outcomes;
  }

  async claimDue(sink: SinkName, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const due = this.stmt(
      `SELECT id FROM deliveries
       WHERE sink = ? AND status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
       ORDER BY next_attempt_at, id LIMIT ?`,
    );
    const lease = this.stmt('UPDATE deliveries SET lease_until = ?, lease_token = ? WHERE id = ?');
    const read = this.stmt(
      `SELECT d.id, d.sink, d.attempts, d.created_at, p.report, p.is_first_pay, p.client_ip, p.received_at,
              p.app_id, p.order_id, p.uid, p.amount, p.currency, p.paid_at
       FROM deliveries d JOIN purchases p ON p.id = d.purchase_id WHERE d.id = ?`,
    );
    // A lease need not survive a power cut (a lost lease only means the row is due again), so claims skip the
    // fsync that ingest and completion pay for. A later FULL commit syncs the WAL up to and including these frames.
    return this.withNormalSync(() => this.claimNow(due, lease, read, sink, now, limit, leaseMs));
  }

  /** Runs `fn` with `synchronous=NORMAL` (no fsync at commit) and hands FULL back for everything else. */
  private withNormalSync<T>(fn: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  private claimNow(
    due: Database.Statement,
    lease: Database.Statement,
    read: Database.Statement,
    sink: SinkName,
    now: number,
    limit: number,
    leaseMs: number,
  ): ClaimedDelivery[] {
    return this.db
      .transaction(() => {
        const ids = (due.all(sink, now, now, limit) as Array<{ id: number }>).map((r) => r.id);
        // One random draw per claim: the suffix keeps each row's token distinct.
        const claim = randomBytes(16).toString('hex');
        return ids.map((id, i): ClaimedDelivery => {
          const token = `${claim}.${i}`;
          lease.run(now + leaseMs, token, id);
          const row = read.get(id) as ClaimRow;
          return {
            id: row.id,
            sink: row.sink as SinkName,
            attempts: row.attempts,
            createdAt: row.created_at,
            leaseToken: token,
            purchase: {
              report: decodeStoredReport(row.report, row),
              isFirstPay: row.is_first_pay === 1,
              clientIp: row.client_ip,
              receivedAt: row.received_at,
            },
          };
        });
      })
      .immediate();
  }

  complete(deliveryId: number, leaseToken: string, result: AttemptResult): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return this.completeGroup.submit([{ id: deliveryId, token: leaseToken, result }]).then((r) => r[0]);
  }

  private completeNow(items: readonly CompleteItem[]): boolean[] {
    // The token is cleared on completion, so a second completion with the same token is refused too.
    const where = `WHERE id = @id AND lease_token = @token AND status = 'pending'`;
    const delivered = this.stmt(
      `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, lease_until = NULL, lease_token = NULL,
       last_error = NULL, updated_at = @at ${where}`,
    );
    const retry = this.stmt(
      `UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = @next, lease_until = NULL, lease_token = NULL,
       last_error = @error, updated_at = @at ${where}`,
    );
    const dead = this.stmt(
      `UPDATE deliveries SET status = 'dead', attempts = attempts + 1, lease_until = NULL, lease_token = NULL,
       last_error = @error, updated_at = @at ${where}`,
    );
    // A completion need not survive a power cut: a lost "delivered" mark only means the row is sent once more, which
    // the delivery guarantee already allows (sinks get deterministic ids). In WAL mode a NORMAL commit is still in
    // the file after a process kill (the OS has the pages), and the next FULL commit (ingest) syncs it with its own
    // frames; what it saves is an fsync on the event loop per completion group, which ingest was queueing behind.
    return this.withNormalSync(() => this.completeGroupNow(items, delivered, retry, dead));
  }

  private completeGroupNow(
    items: readonly CompleteItem[],
    delivered: Database.Statement,
    retry: Database.Statement,
    dead: Database.Statement,
  ): boolean[] {
    return this.db
      .transaction(() =>
        items.map(({ id, token, result }) => {
          const key = { id, token, at: result.at };
          switch (result.outcome) {
            case 'delivered':
              return delivered.run(key).changes === 1;
            case 'retry':
              return retry.run({ ...key, next: result.nextAttemptAt, error: result.error }).changes === 1;
            case 'dead':
              return dead.run({ ...key, error: result.error }).changes === 1;
          }
        }),
      )
      .immediate();
  }

  async listDeliveries(filter: DeliveryFilter): Promise<DeliveryRow[]> {
    const { where, params } = whereEquals({ ...filter }, { status: 'd.status', sink: 'd.sink', appId: 'p.app_id' });
    const rows = this.stmt(
        `SELECT ${DELIVERY_LIST_COLUMNS}
         FROM deliveries d JOIN purchases p ON p.id = d.purchase_id
         ${where} ORDER BY d.id LIMIT @limit`,
      )
      .all({ ...params, limit: filter.limit ?? 100 }) as DeliveryListRow[];
    return rows.map(toDeliveryRow);
  }


  async retryDead(ids: readonly number[] | 'all', now: number): Promise<number> {
    const set = `SET status = 'pending', next_attempt_at = @now, lease_until = NULL, lease_token = NULL, updated_at = @now`;
    if (ids === 'all') {
      return this.stmt(`UPDATE deliveries ${set} WHERE status = 'dead'`).run({ now }).changes;
    }
    const one = this.stmt(`UPDATE deliveries ${set} WHERE status = 'dead' AND id = @id`);
    return this.db
      .transaction(() => ids.reduce((n, id) => n + one.run({ now, id }).changes, 0))
      .immediate();
  }

  /**
   * Runs on every `/metrics` scrape and `/healthz`, so it reads only index ranges, never a whole table: counting
   * every purchase and delivery took a scan that grew with the history (a pause of the event loop per scrape).
   */
  async stats(): Promise<StorageStats> {
    const read = this.db.transaction((): StorageStats => {
      const stats: StorageStats = {
        purchases: this.stmt(SQLITE_STATS_QUERIES.purchases).pluck().get() as number,
        deliveries: { pending: 0, delivered: 0, dead: 0 },
        pendingBySink: {},
        deadBySink: {},
      };
      const total = this.stmt(SQLITE_STATS_QUERIES.deliveries).pluck().get() as number;
      const sinks = this.stmt(SQLITE_STATS_QUERIES.sinks).pluck().all() as SinkName[];
      const count = this.stmt(SQLITE_STATS_QUERIES.bySinkStatus).pluck();
      for (const sink of sinks) {
        const pending = count.get(sink, 'pending') as number;
        const dead = count.get(sink, 'dead') as number;
        stats.deliveries.pending += pending;
        stats.deliveries.dead += dead;
        if (pending > 0) stats.pendingBySink[sink] = pending;
        if (dead > 0) stats.deadBySink![sink] = dead;
      }
      stats.deliveries.delivered = total - stats.deliveries.pending - stats.deliveries.dead;
      return stats;
    });
    // One read transaction: the counts are of one snapshot even while another process writes.
    return read.deferred();
  }

  async prune(step: PruneStep): Promise<PruneResult> {
    // The largest ids stay: stats() counts purchases and deliveries by them, and SQLite would hand a deleted largest
    // id out again. Pruning need not survive a power cut (it is simply done again), so it skips the fsync.
    const slimmable = this.stmt(
      `SELECT p.id FROM purchases p
       WHERE p.slim = 0 AND p.received_at < @before AND p.id < (SELECT MAX(id) FROM purchases)
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.purchase_id = p.id
                         AND (d.status <> 'delivered' OR d.id = (SELECT MAX(id) FROM deliveries)))
       ORDER BY p.received_at LIMIT @limit`,
    ).pluck();
    const dropDeliveries = this.stmt('DELETE FROM deliveries WHERE purchase_id = ?');
    const slim = this.stmt(
      `UPDATE purchases SET slim = 1, client_ip = '', report = json_object('productId', json_extract(report, '$.productId'))
       WHERE id = ?`,
    );
    const apps = this.stmt(
      `WITH RECURSIVE a(app_id) AS (
         SELECT MIN(app_id) FROM purchases
         UNION ALL SELECT (SELECT MIN(app_id) FROM purchases WHERE app_id > a.app_id) FROM a WHERE a.app_id IS NOT NULL
       ) SELECT app_id FROM a WHERE app_id IS NOT NULL`,
    ).pluck();
    const forgettable = this.stmt(
      `SELECT id FROM purchases WHERE app_id = @app AND paid_at < @before AND slim = 1 AND id < (SELECT MAX(id) FROM purchases)
       ORDER BY paid_at LIMIT @limit`,
    ).pluck();
    const forget = this.stmt('DELETE FROM purchases WHERE id = ?');
    return this.withNormalSync(() =>
      this.db
        .transaction((): PruneResult => {
          const ids = slimmable.all({ before: step.slimBefore, limit: step.limit }) as number[];
          for (const id of ids) {
            dropDeliveries.run(id);
            slim.run(id);
          }
          let forgotten = 0;
          for (const app of apps.all() as string[]) {
            if (forgotten >= step.limit) break;
            for (const id of forgettable.all({ app, before: step.forgetBefore, limit: step.limit - forgotten }) as number[]) {
              forget.run(id);
              forgotten++;
            }
          }
          return { slimmed: ids.length, forgotten };
        })
        .immediate(),
    );
  }

  async reserveCall(key: string, minIntervalMs: number, now: number): Promise<{ ok: true } | { ok: false; waitMs: number }> {
    const read = this.stmt('SELECT value FROM sync_state WHERE key = ?');
    return this.db
      .transaction((): { ok: true } | { ok: false; waitMs: number } => {
        const row = read.get(CALL_KEY_PREFIX + key) as { value: string } | undefined;
        const last = row ? Number(row.value) : undefined;
        if (last !== undefined && now - last < minIntervalMs) return { ok: false, waitMs: last + minIntervalMs - now };
        this.writeState(CALL_KEY_PREFIX + key, String(now), now);
        return { ok: true };
      })
      .immediate();
  }

  async getState(key: string): Promise<string | undefined> {
    const row = this.stmt('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  async setState(key: string, value: string): Promise<void> {
    this.writeState(key, value, Date.now());
  }

  private writeState(key: string, value: string, at: number): void {
    this.stmt(
        `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, value, at);
  }

  async refundsBetween(appId: string, fromMs: number, toMs: number): Promise<ReconcileRefund[]> {
    return toReconcileRefunds(await this.payments.eventsBetween(appId, 'refund', fromMs, toMs));
  }

  async purchasesBetween(appId: string, fromMs: number, toMs: number): Promise<ReconcilePurchase[]> {
    return this.stmt(
        `SELECT order_id AS orderId, uid, amount, currency, paid_at AS paidAt FROM purchases
         WHERE app_id = ? AND paid_at >= ? AND paid_at < ? ORDER BY paid_at, id`,
      )
      .all(appId, fromMs, toMs) as ReconcilePurchase[];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.ingestGroup.idle(), this.completeGroup.idle()]);
    this.db.close();
  }
}

interface StoredIdentityRow {
  uid: string;
  amount: number;
  currency: string;
  report: string;
}

interface ClaimRow extends ReportColumns {
  id: number;
  sink: string;
  attempts: number;
  created_at: number;
  report: string;
  is_first_pay: number;
  client_ip: string;
  received_at: number;
}

