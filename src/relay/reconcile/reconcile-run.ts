import { systemClock, formatWait, type Clock } from './clock';
import { compareOrders, type ReconcileReport } from './compare';
import { fetchOrderPage } from './gravity-client';
import { GRAVITY_MAX_PAGE_SIZE } from './gravity-wire';
import { RateGate } from './rate-gate';
import { ReconcileError } from './reconcile-error';
import { headerKey, loadHeader, loadPages, newHeader, pruneRun, saveHeader, savePage, type RunHeader } from './reconcile-state';
import type { ReconcileRefund, ReconcileStore } from '../storage/reconcile-store';
import { reconcileWindow } from './reconcile-window';

export interface GravityTarget {
  url: string;
  appId: number;
  appKey: string;
  minCallIntervalSeconds: number;
}

export interface ReconcileRunOptions {
  /** The relay's game `appId` (whose purchases are compared). */
  appId: string;
  gravity: GravityTarget;
  store: ReconcileStore;
  /** China-time calendar days, inclusive. */
  fromDay: string;
  toDay: string;
  /** @default systemClock */
  clock?: Clock;
  /** @default 500 */
  pageSize?: number;
  /** Per call. @default 30000 */
  timeoutMs?: number;
  /** Pull again even when a completed pull of this range is stored. @default false */
  fresh?: boolean;
  /**
   * Added to a non-zero interval: the gate spaces the moments calls are sent, Gravity counts when they arrive,
   * and network latency varies between the two. @default 2000
   */
  intervalMarginMs?: number;
  /** Retries of one page after a retryable failure (rate limit, network, 5xx), each a full interval later. @default 3 */
  maxRetriesPerPage?: number;
  /**
   * Relay purchases this far outside the window still match a Gravity order of the window (client clock vs
   * Gravity's event time around midnight). @default 3600000 (1 h)
   */
  boundaryMarginMs?: number;
  onProgress?: (p: ReconcileProgress) => void;
  /** Stops between calls; what was fetched stays stored. */
  signal?: AbortSignal;
}

export type ReconcileProgress =
  | { type: 'reused'; text: string }
  | { type: 'resumed'; page: number; text: string }
  | { type: 'waiting'; page: number; totalPages: number | null; waitMs: number; text: string }
  | { type: 'retry'; page: number; error: string; text: string }
  | { type: 'page'; page: number; totalPages: number; orders: number; text: string };

export interface ReconcileOutcome {
  report: ReconcileReport;
  /** Gravity calls that returned a page in this run (0 when a stored pull was reused). */
  pagesFetched: number;
  totalPages: number;
  /** Gravity's `total_number` at the last page. */
  gravityTotal: number;
  reused: boolean;
  /** Gravity's total moved during the pull: a missing or duplicate row may be a paging artifact. */
  totalChanged: boolean;
  /** Refunds the platform reported in the window (verified revenue); Gravity's report has none to compare with. */
  refunds: ReconcileRefund[];
}

/** Pulls Gravity's orders for the range (resuming a stored pull) and compares them with the relay's purchases. */
export async function runReconcile(o: ReconcileRunOptions): Promise<ReconcileOutcome> {
  const window = reconcileWindow(o.fromDay, o.toDay);
  const clock = o.clock ?? systemClock;
  const pageSize = o.pageSize ?? GRAVITY_MAX_PAGE_SIZE;
  const maxRetries = o.maxRetriesPerPage ?? 3;
  const progress = o.onProgress ?? (() => {});
  const key = headerKey(o.appId, o.fromDay, o.toDay);
  const intervalMs = o.gravity.minCallIntervalSeconds * 1000;
  const minIntervalMs = intervalMs > 0 ? intervalMs + (o.intervalMarginMs ?? 2000) : 0;
  const gate = new RateGate({ store: o.store, appKey: o.gravity.appKey, minIntervalMs, clock });

  let h = await loadHeader(o.store, key);
  const reusable = h && h.gravityAppId === o.gravity.appId && h.pageSize === pageSize;
  if (!h || !reusable || o.fresh) {
    if (h) await pruneRun(o.store, key); // the replaced pull's pages would otherwise stay forever
    h = newHeader(o.gravity.appId, pageSize, clock.now());
    await saveHeader(o.store, key, h);
  } else if (h.complete) {
    progress({ type: 'reused', text: `using the stored pull of ${h.totalNumber ?? 0} orders (${h.totalPages} pages); --fresh pulls again` });
  } else if (h.nextPage > 1) {
    progress({ type: 'resumed', page: h.nextPage, text: `resuming at page ${h.nextPage}/${h.totalPages ?? '?'}` });
  }
  const reused = h.complete;

  let pagesFetched = 0;
  let retries = 0;
  while (!h.complete) {
    const page: number = h.nextPage;
    const shown: RunHeader = h;
    await gate.acquire((w) => {
      progress({ type: 'waiting', page, totalPages: shown.totalPages, waitMs: w.waitMs, text: `page ${page}/${shown.totalPages ?? '?'}, next call in ${formatWait(w.waitMs)}` });
    }, o.signal);
    // Another relay on this database may have fetched this page while we waited.
    const latest = await loadHeader(o.store, key);
    if (latest && latest.runId === h.runId && (latest.nextPage > page || latest.complete)) {
      h = latest;
      continue;
    }
    const r = await fetchOrderPage({ ...o.gravity, fromDay: o.fromDay, toDay: o.toDay, page, pageSize, timeoutMs: o.timeoutMs, signal: o.signal });
    if (!r.ok) {
      if (r.retryable && retries < maxRetries) {
        retries += 1;
        progress({ type: 'retry', page, error: r.message, text: `page ${page}: ${r.message}; retry ${retries}/${maxRetries} after the interval` });
        continue;
      }
      throw new ReconcileError(r.retryable ? 'gave-up' : r.kind, `page ${page}: ${r.message}${r.retryable ? ` (after ${retries} retries)` : ''}`);
    }
    const got = r.page;
    if (got.page !== page || got.orders.length > pageSize) {
      throw new ReconcileError('bad-response', `asked for page ${page} of ${pageSize}, Gravity answered page ${got.page} with ${got.orders.length} rows`);
    }
    await savePage(o.store, h.runId, page, got.orders);
    h = {
      ...h,
      totalPages: got.totalPages,
      totalChanged: h.totalChanged || (h.totalNumber !== null && h.totalNumber !== got.totalNumber),
      totalNumber: got.totalNumber,
      nextPage: page + 1,
      complete: page >= got.totalPages,
    };
    if (h.complete) h.completedAt = clock.now();
    await saveHeader(o.store, key, h);
    pagesFetched += 1;
    retries = 0;
    progress({ type: 'page', page, totalPages: Math.max(page, got.totalPages), orders: got.orders.length, text: `page ${page}/${Math.max(page, got.totalPages)}: ${got.orders.length} orders` });
  }

  const lastPage = h.nextPage - 1;
  const orders = await loadPages(o.store, h.runId, lastPage);
  if (!orders) {
    // Only a hand-edited or half-copied database gets here; a fresh pull is the honest answer.
    await saveHeader(o.store, key, newHeader(o.gravity.appId, pageSize, clock.now()));
    throw new ReconcileError('inconsistent', 'the stored pull is missing pages; run again to pull afresh');
  }
  const margin = o.boundaryMarginMs ?? 3600_000;
  const purchases = await o.store.purchasesBetween(o.appId, window.fromMs - margin, window.toMs + margin);
  const report = compareOrders(orders, purchases, window);
  const refunds = await o.store.refundsBetween(o.appId, window.fromMs, window.toMs);
  return { report, pagesFetched, totalPages: lastPage, gravityTotal: h.totalNumber ?? orders.length, reused, totalChanged: h.totalChanged, refunds };
}
