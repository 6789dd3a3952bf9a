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

export interface OrderStore {
  get(id: string): StoredOrder | undefined;
  list(state?: OrderState): Array<[string, StoredOrder]>;
  /** Adds a new order: its own key first, then the index, so a crash in between leaves no dangling index entry. */
  add(id: string, order: StoredOrder): void;
  /** Rewrites one order in one storage write (pending → queued, queued → rejected). Memory follows storage. */
  put(id: string, order: StoredOrder): void;
  /** Keeps the order in memory only (storage refused it): it is still sent, and the caller says so loudly. */
  keepInMemory(id: string, order: StoredOrder): void;
  /** Removes orders (the relay has them): their keys first, then the index once for the whole batch. */
  remove(ids: string[]): void;
}

/** The orders `storage` holds, loaded now; then kept in memory and written through. */
export function createOrderStore(storage: PlatformStorage): OrderStore {
  // A closure rather than a class: its members minify, the bundle a game ships is smaller.
  const orders = new Map<string, StoredOrder>();
  for (const id of parseIndex(storage.get(INDEX_KEY))) {
    const raw = storage.get(orderKey(id));
    const order = raw ? parseOrder(raw) : undefined;
    if (order) orders.set(id, order);
  }
  const writeIndex = () => storage.set(INDEX_KEY, JSON.stringify(Array.from(orders.keys())));
  const put = (id: string, order: StoredOrder) => {
    storage.set(orderKey(id), JSON.stringify(order));
    orders.set(id, order);
  };
  return {
    get: (id) => orders.get(id),
    list(state) {
      const all = Array.from(orders.entries());
      return state ? all.filter(([, o]) => o.s === state) : all;
    },
    add(id, order) {
      put(id, order);
      try {
        writeIndex();
      } catch (e) {
        orders.delete(id);
        storage.remove(orderKey(id));
        throw e;
      }
    },
    put,
    keepInMemory(id, order) {
      orders.set(id, order);
    },
    remove(ids) {
      for (const id of ids) {
        storage.remove(orderKey(id));
        orders.delete(id);
      }
      if (ids.length) writeIndex();
    },
  };
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
