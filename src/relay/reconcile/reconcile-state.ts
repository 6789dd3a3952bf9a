import { randomUUID } from 'node:crypto';
import type { GravityOrder } from './gravity-order';
import type { ReconcileStore } from '../storage/reconcile-store';

/**
 * What a pull has fetched so far, kept in the store's `sync_state` so a killed run resumes at the next page
 * and several relays on one database continue each other's pull. One header per (app, range); one row per
 * fetched page, written before the header moves past it.
 */
export interface RunHeader {
  v: 1;
  runId: string;
  gravityAppId: number;
  pageSize: number;
  /** Unknown until the first page answers. */
  totalPages: number | null;
  totalNumber: number | null;
  /** Gravity's `total_number` moved during the pull (late orders): paging may have shifted rows. */
  totalChanged: boolean;
  nextPage: number;
  complete: boolean;
  startedAt: number;
  completedAt?: number;
}

type CompactOrder = [orderId: string, amount: number, currency: string, payEventTime: string, status: string];

export function headerKey(appId: string, fromDay: string, toDay: string): string {
  return `reconcile:v1:run:${appId}:${fromDay}:${toDay}`;
}

function pageKey(runId: string, page: number): string {
  return `reconcile:v1:page:${runId}:${page}`;
}

export function newHeader(gravityAppId: number, pageSize: number, now: number): RunHeader {
  return { v: 1, runId: randomUUID(), gravityAppId, pageSize, totalPages: null, totalNumber: null, totalChanged: false, nextPage: 1, complete: false, startedAt: now };
}

export async function loadHeader(store: ReconcileStore, key: string): Promise<RunHeader | undefined> {
  const text = await store.getState(key);
  if (text === undefined) return undefined;
  try {
    const h = JSON.parse(text) as RunHeader;
    // A header from another format version is not resumed: starting over costs calls, misreading costs money.
    return h && h.v === 1 && typeof h.runId === 'string' && Number.isInteger(h.nextPage) ? h : undefined;
  } catch {
    return undefined;
  }
}

export async function saveHeader(store: ReconcileStore, key: string, h: RunHeader): Promise<void> {
  await store.setState(key, JSON.stringify(h));
}

export async function savePage(store: ReconcileStore, runId: string, page: number, orders: readonly GravityOrder[]): Promise<void> {
  const compact: CompactOrder[] = orders.map((o) => [o.orderId, o.amount, o.currency, o.payEventTime, o.status]);
  await store.setState(pageKey(runId, page), JSON.stringify(compact));
}

/** Every order of pages `1..lastPage`; a missing page means the state is broken and the pull must restart. */
export async function loadPages(store: ReconcileStore, runId: string, lastPage: number): Promise<GravityOrder[] | undefined> {
  const out: GravityOrder[] = [];
  for (let p = 1; p <= lastPage; p++) {
    const text = await store.getState(pageKey(runId, p));
    if (text === undefined) return undefined;
    for (const [orderId, amount, currency, payEventTime, status] of JSON.parse(text) as CompactOrder[]) {
      out.push({ orderId, amount, currency, payEventTime, status: status as GravityOrder['status'] });
    }
  }
  return out;
}

/**
 * Empties a stored pull (its pages and header) so the database does not grow by a day of orders every day. The
 * store has no delete, so the rows stay with empty values; a later run of that range simply pulls again.
 */
export async function pruneRun(store: ReconcileStore, key: string): Promise<boolean> {
  const h = await loadHeader(store, key);
  if (!h) return false;
  for (let p = 1; p < h.nextPage; p++) await store.setState(pageKey(h.runId, p), '');
  await store.setState(key, '');
  return true;
}
