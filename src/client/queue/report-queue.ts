import type { Platform } from '../platform/platform';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { Session } from '../session/session';
import type { OrderStore, StoredOrder } from './order-store';
import { backoffDelay, isRetryableStatus } from './backoff';
import type { BackoffOptions } from './backoff';
import { InvalidReportError, PurchaseError, RelayError, RelayRejectedError, StorageFullError } from '../errors';
import { CLIENT_MAX_REPORTS_PER_BATCH as MAX_REPORTS_PER_BATCH, reportProblem } from '../report/report-guard';

export interface QueueOptions {
  /** Reports per `POST /v1/purchases`. @default 50 (the relay's maximum) */
  batchSize?: number;
  /** Retry delays after a failed flush. @default `{ baseMs: 1000, maxMs: 300000 }` */
  backoff?: BackoffOptions;
}

export interface QueueEvents {
  reported(r: { orderId: string; status: 'accepted' | 'duplicate' }): void;
  error(e: PurchaseError): void;
}

/**
 * The write-ahead report queue. Entries live in the OrderStore; one leaves storage only when the relay answered
 * `accepted` or `duplicate` for its order id. A `rejected` one is set aside with the reason.
 */
export class ReportQueue {
  private flushing: Promise<void> | undefined;
  private again = false;
  private attempt = 0;
  private timer: unknown;
  private timerAt = 0;
  private limit: number;
  private closed = false;

  constructor(
    private readonly platform: Platform,
    private readonly store: OrderStore,
    private readonly session: Session,
    private readonly events: QueueEvents,
    private readonly opts: QueueOptions = {},
  ) {
    this.limit = this.maxBatch();
  }

  /** Sends every queued report; resolves when the queue is empty or a failure scheduled a retry. Never rejects. */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.cancelTimer();
    this.flushing = this.drain().then(() => {
      this.flushing = undefined;
      if (this.again) {
        this.again = false;
        return this.flush();
      }
    });
    return this.flushing;
  }

  /** The network came back: whatever the backoff said, try now. */
  retryNow(): Promise<void> {
    this.attempt = 0;
    return this.flush();
  }

  /** Stops timers; the stored entries stay for the next start. */
  close(): void {
    this.closed = true;
    this.cancelTimer();
  }

  private maxBatch(): number {
    return Math.max(1, Math.min(MAX_REPORTS_PER_BATCH, this.opts.batchSize ?? MAX_REPORTS_PER_BATCH));
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const batch = this.nextBatch();
      if (!batch.length) {
        this.limit = this.maxBatch();
        return;
      }
      const ok = await this.send(batch);
      if (!ok) {
        this.schedule(backoffDelay(this.attempt++, this.platform.clock.random, this.opts.backoff));
        return;
      }
      this.attempt = 0;
    }
  }

  /** Queued reports, completed with the session's openid and checked; a malformed one is set aside at once. */
  private nextBatch(): PurchaseReport[] {
    const out: PurchaseReport[] = [];
    for (const [id, o] of this.store.list('q')) {
      if (out.length >= this.limit) break;
      const report = o.r.uid || !this.session.openid ? o.r : { ...o.r, uid: this.session.openid };
      const bad = report.uid ? reportProblem(report) : undefined;
      if (bad) this.setAside(id, o, `invalid report field ${bad}`, new InvalidReportError(`order ${id}: bad ${bad}`, bad));
      else out.push(report);
    }
    return out;
  }

  /** One POST; true when the relay answered for the batch (whatever it said), false to back off. */
  private async send(batch: PurchaseReport[]): Promise<boolean> {
    let res;
    try {
      if (!this.session.openid) await this.session.login();
      const reports = batch.map((r) => (r.uid ? r : { ...r, uid: this.session.openid! }));
      res = await this.session.request({ url: '/v1/purchases', method: 'POST', body: { reports } });
    } catch (e) {
      this.events.error(e instanceof PurchaseError ? e : new RelayError(String(e)));
      return false;
    }
    if (res.status === 200) return this.settle(batch, res.body);
    if (res.status === 413 || res.status === 400) {
      if (batch.length > 1) {
        // One report spoils the batch: go one by one until the culprit is set aside alone.
        this.limit = res.status === 413 ? Math.max(1, batch.length >> 1) : 1;
        return true;
      }
      const id = batch[0].orderId;
      const reason = errorMessage(res.body) || `relay answered ${res.status}`;
      this.setAside(id, this.store.get(id)!, reason, new RelayRejectedError(reason, id));
      return true;
    }
    this.events.error(new RelayError(`POST /v1/purchases answered ${res.status}`, res.status));
    if (!isRetryableStatus(res.status)) this.attempt = Math.max(this.attempt, 3);
    return false;
  }

  private settle(batch: PurchaseReport[], body: unknown): boolean {
    const results = (body as { results?: unknown })?.results;
    if (!Array.isArray(results)) {
      this.events.error(new RelayError('POST /v1/purchases answered 200 without results', 200));
      return false;
    }
    const sent = new Set(batch.map((r) => r.orderId));
    const done: string[] = [];
    const reported: Array<{ orderId: string; status: 'accepted' | 'duplicate' }> = [];
    let asideCount = 0;
    for (const r of results as Array<{ orderId?: unknown; status?: unknown; error?: unknown }>) {
      const id = r && typeof r.orderId === 'string' && sent.has(r.orderId) ? r.orderId : undefined;
      if (!id || !this.store.get(id)) continue;
      if (r.status === 'accepted' || r.status === 'duplicate') {
        done.push(id);
        reported.push({ orderId: id, status: r.status });
      } else if (r.status === 'rejected') {
        const reason = typeof r.error === 'string' ? r.error : 'rejected by the relay';
        this.setAside(id, this.store.get(id)!, reason, new RelayRejectedError(reason, id));
        asideCount++;
      }
    }
    this.store.remove(done);
    for (const r of reported) this.events.reported(r);
    // Orders the relay did not mention stay queued; an answer that settles none of them is a failure to back off from.
    if (done.length + asideCount === 0) this.events.error(new RelayError('POST /v1/purchases settled none of the batch', 200));
    return done.length + asideCount > 0;
  }

  private setAside(id: string, order: StoredOrder, reason: string, err: PurchaseError): void {
    const next: StoredOrder = { s: 'r', r: order.r, e: reason };
    try {
      this.store.put(id, next);
    } catch {
      this.store.keepInMemory(id, next);
      this.events.error(new StorageFullError());
    }
    this.events.error(err);
  }

  /** Arms the one timer: the earliest of a backoff retry and the periodic flush. */
  private schedule(delayMs: number): void {
    if (this.closed) return;
    const at = this.platform.clock.now() + delayMs;
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.cancelTimer();
    this.timerAt = at;
    this.timer = this.platform.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.platform.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function errorMessage(body: unknown): string | undefined {
  const e = (body as { error?: { message?: unknown; field?: unknown } })?.error;
  if (!e || typeof e.message !== 'string') return undefined;
  return typeof e.field === 'string' ? `${e.field}: ${e.message}` : e.message;
}
