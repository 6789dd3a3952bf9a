import type { Platform } from '../platform/platform';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { Session } from '../session/session';
import { ORDER_STATE, type OrderStore, type StoredOrder } from './order-store';
import { backoffDelay, isRetryableStatus } from './backoff';
import type { BackoffOptions } from './backoff';
import { InvalidReportError, PurchaseError, RelayError, RelayRejectedError, StorageFullError } from '../errors';
import { CLIENT_MAX_REPORTS_PER_BATCH as MAX_REPORTS_PER_BATCH, reportProblem } from '../report/report-guard';
import { relayErrorText } from '../best-effort';

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
export interface ReportQueue {
  /** Sends every queued report; resolves when the queue is empty or a failure scheduled a retry. Never rejects. */
  flush(): Promise<void>;
  /** The network came back: whatever the backoff said, try now. */
  retryNow(): Promise<void>;
  /** Stops timers; the stored entries stay for the next start. */
  close(): void;
}

export function createReportQueue(
  platform: Platform,
  store: OrderStore,
  session: Session,
  events: QueueEvents,
  opts: QueueOptions = {},
): ReportQueue {
  // A closure rather than a class: its members minify, the bundle a game ships is smaller.
  const { clock } = platform;
  let flushing: Promise<void> | undefined;
  let again = false;
  let attempt = 0;
  let timer: unknown;
  let timerAt = 0;
  let closed = false;
  const maxBatch = () => Math.max(1, Math.min(MAX_REPORTS_PER_BATCH, opts.batchSize ?? MAX_REPORTS_PER_BATCH));
  let limit = maxBatch();

  function flush(): Promise<void> {
    if (closed) return Promise.resolve();
    if (flushing) {
      again = true;
      return flushing;
    }
    cancelTimer();
    return (flushing = drain().then(() => {
      flushing = undefined;
      if (again) {
        again = false;
        return flush();
      }
    }));
  }

  async function drain(): Promise<void> {
    for (;;) {
      if (closed) return;
      const batch = nextBatch();
      if (!batch.length) {
        limit = maxBatch();
        return;
      }
      if (!(await send(batch))) {
        schedule(backoffDelay(attempt++, clock.random, opts.backoff));
        return;
      }
      attempt = 0;
    }
  }

  /** Queued reports, completed with the session's openid and checked; a malformed one is set aside at once. */
  function nextBatch(): PurchaseReport[] {
    const out: PurchaseReport[] = [];
    const openid = session.openid();
    for (const [id, o] of store.list('q')) {
      if (out.length >= limit) break;
      const report = o.r.uid || !openid ? o.r : { ...o.r, uid: openid };
      const bad = report.uid ? reportProblem(report) : undefined;
      if (bad) setAside(id, o, `invalid report field ${bad}`, new InvalidReportError(`order ${id}: bad ${bad}`, bad));
      else out.push(report);
    }
    return out;
  }

  /** One POST; true when the relay answered for the batch (whatever it said), false to back off. */
  async function send(batch: PurchaseReport[]): Promise<boolean> {
    let res;
    try {
      if (!session.openid()) await session.login();
      const uid = session.openid()!;
      const reports = batch.map((r) => (r.uid ? r : { ...r, uid }));
      res = await session.request({ url: '/v1/purchases', method: 'POST', body: { reports } });
    } catch (e) {
      events.error(e instanceof PurchaseError ? e : new RelayError(String(e)));
      return false;
    }
    const { status } = res;
    if (status === 200) return settle(batch, res.body);
    if (status === 413 || status === 400) {
      if (batch.length > 1) {
        // One report spoils the batch: go one by one until the culprit is set aside alone.
        limit = status === 413 ? Math.max(1, batch.length >> 1) : 1;
        return true;
      }
      const id = batch[0].orderId;
      const reason = relayErrorText(res.body) || `relay answered ${status}`;
      setAside(id, store.get(id)!, reason, new RelayRejectedError(reason, id));
      return true;
    }
    events.error(new RelayError(`POST /v1/purchases answered ${status}`, status));
    if (!isRetryableStatus(status)) attempt = Math.max(attempt, 3);
    return false;
  }

  function settle(batch: PurchaseReport[], body: unknown): boolean {
    const results = (body as { results?: unknown })?.results;
    if (!Array.isArray(results)) {
      events.error(new RelayError('POST /v1/purchases answered 200 without results', 200));
      return false;
    }
    const sent = new Set(batch.map((r) => r.orderId));
    const done: string[] = [];
    const reported: Array<{ orderId: string; status: 'accepted' | 'duplicate' }> = [];
    let asideCount = 0;
    for (const r of results as Array<{ orderId?: unknown; status?: unknown; error?: unknown }>) {
      const id = r && typeof r.orderId === 'string' && sent.has(r.orderId) ? r.orderId : undefined;
      const order = id && store.get(id);
      if (!order) continue;
      if (r.status === 'accepted' || r.status === 'duplicate') {
        done.push(id);
        reported.push({ orderId: id, status: r.status });
      } else if (r.status === 'rejected') {
        const reason = typeof r.error === 'string' ? r.error : 'rejected by the relay';
        setAside(id, order, reason, new RelayRejectedError(reason, id));
        asideCount++;
      }
    }
    store.remove(done);
    for (const r of reported) events.reported(r);
    // Orders the relay did not mention stay queued; an answer that settles none of them is a failure to back off from.
    if (done.length + asideCount === 0) events.error(new RelayError('POST /v1/purchases settled none of the batch', 200));
    return done.length + asideCount > 0;
  }

  function setAside(id: string, order: StoredOrder, reason: string, err: PurchaseError): void {
    const next: StoredOrder = { s: ORDER_STATE.rejected, r: order.r, e: reason };
    try {
      store.put(id, next);
    } catch {
      store.keepInMemory(id, next);
      events.error(new StorageFullError());
    }
    events.error(err);
  }

  /** Arms the one timer: the earliest backoff retry wins (flushes otherwise come from start, onShow, the network and purchases). */
  function schedule(delayMs: number): void {
    if (closed) return;
    const at = clock.now() + delayMs;
    if (timer !== undefined && timerAt <= at) return;
    cancelTimer();
    timerAt = at;
    timer = clock.setTimeout(() => {
      timer = undefined;
      void flush();
    }, delayMs);
  }

  function cancelTimer(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  }

  return {
    flush,
    retryNow() {
      attempt = 0;
      return flush();
    },
    close() {
      closed = true;
      cancelTimer();
    },
  };
}
