import type { PlatformStorage } from '../platform/platform';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';

/**
 * Orders in platform storage, one key per order (`mp:v1:o:<orderId>`) plus an index (`mp:v1:orders`). One key per
 * order keeps the write that makes a payment durable small and constant, whatever the backlog, and lets
 * "pending → queued" be a single `setStorageSync`.
 *
 * States: `p` pending (written before the payment sheet opens), `q` queued (paid, to report), `r` rejected by the
 * relay (kept aside with the reason, never resent blindly).
 */
export type OrderState = 'p' | 'q' | 'r';

/** A report before the session's openid is known: `uid` may be empty until it is sent. */
export type ReportDraft = PurchaseReport;

export interface StoredOrder {
  s: OrderState;
  r: ReportDraft;
  /** Why the relay rejected it. */
  e?: string;
}

export const STORAGE_PREFIX = 'mp:v1:';
const INDEX_KEY = STORAGE_PREFIX + 'orders';
const orderKey = (id: string) => STORAGE_PREFIX + 'o:' + id;

export class OrderStore {
  private readonly orders = new Map<string, StoredOrder>();

  constructor(private readonly storage: PlatformStorage) {
    for (const id of parseIndex(storage.get(INDEX_KEY))) {
      const raw = storage.get(orderKey(id));
      const order = raw ? parseOrder(raw) : undefined;
      if (order) this.orders.set(id, order);
    }
  }

  get(id: string): StoredOrder | undefined {
    return this.orders.get(id);
  }

  list(state?: OrderState): Array<[string, StoredOrder]> {
    const all = Array.from(this.orders.entries());
    return state ? all.filter(([, o]) => o.s === state) : all;
  }

  /** Adds a new order: its own key first, then the index, so a crash in between leaves no dangling index entry. */
  add(id: string, order: StoredOrder): void {
    this.storage.set(orderKey(id), JSON.stringify(order));
    this.orders.set(id, order);
    try {
      this.writeIndex();
    } catch (e) {
      this.orders.delete(id);
      this.storage.remove(orderKey(id));
      throw e;
    }
  }

  /** Rewrites one order in one storage write (pending → queued, queued → rejected). Memory follows storage. */
  put(id: string, order: StoredOrder): void {
    this.storage.set(orderKey(id), JSON.stringify(order));
    this.orders.set(id, order);
  }

  /** Keeps the order in memory only (storage refused it): it is still sent, and the caller says so loudly. */
  keepInMemory(id: string, order: StoredOrder): void {
    this.orders.set(id, order);
  }

  /** Removes orders (the relay has them): their keys first, then the index once for the whole batch. */
  remove(ids: string[]): void {
    for (const id of ids) {
      this.storage.remove(orderKey(id));
      this.orders.delete(id);
    }
    if (ids.length) this.writeIndex();
  }

  private writeIndex(): void {
    this.storage.set(INDEX_KEY, JSON.stringify(Array.from(this.orders.keys())));
  }
}

function parseIndex(raw: string | undefined): string[] {
  try {
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function parseOrder(raw: string): StoredOrder | undefined {
  try {
    const v = JSON.parse(raw) as StoredOrder;
    return v && (v.s === 'p' || v.s === 'q' || v.s === 'r') && typeof v.r === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}
