import { STORAGE_PREFIX } from '../storage-keys';
import type { PlatformStorage } from '../platform/platform';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import { attempt } from '../best-effort';

/**
 * Orders in platform storage, one key per order (`mp:v1:o:<orderId>`) plus an index (`mp:v1:orders`). One key per
 * order keeps the write that makes a payment durable small and constant, whatever the backlog, and lets
 * "pending → queued" be a single `setStorageSync`.
 *
 * Write order: the index lists an order before its key is first written, and keys are removed before the index
 * drops them. The key is the commit point: a kill between the two writes leaves an index entry without a key (skipped
 * at load, gone at the next index write), never a key the index does not list. So the paid transition stays one write
 * (the key) for an order that was written ahead, and one that was not (storage refused it) gets its index entry first.
 *
 * An orphan (a key the index does not list) is therefore left only by an earlier version, which wrote the key first.
 * At start, where `storage.keys()` exists, a pending orphan is deleted: the sheet opens only after both writes, so a
 * kill in between charged nothing. A queued or rejected orphan holds a report the player paid for: it is adopted
 * (indexed and sent), never dropped. With an unreadable index nothing is deleted, since any order could be missing
 * from it. Unreadable orphans are left alone: nothing tells what they held.
 *
 * States: `p` pending (written before the payment sheet opens), `q` queued (paid, to report), `r` rejected by the
 * relay (kept aside with the reason, never resent blindly).
 */
export const ORDER_STATE = { pending: 'p', queued: 'q', rejected: 'r' } as const;
/** As stored: one letter each (the keys live in the platform's 10 MB; existing installs hold these letters). */
export type OrderState = (typeof ORDER_STATE)[keyof typeof ORDER_STATE];

/** A report before the session's openid is known: `uid` may be empty until it is sent. */
export type ReportDraft = PurchaseReport;

export interface StoredOrder {
  s: OrderState;
  r: ReportDraft;
  /** Why the relay rejected it. */
  e?: string;
}

const INDEX_KEY = STORAGE_PREFIX + 'orders';
const ORDER_PREFIX = STORAGE_PREFIX + 'o:';

export interface OrderStore {
  get(id: string): StoredOrder | undefined;
  list(state?: OrderState): Array<[string, StoredOrder]>;
  /** Adds a new order (pending, or queued when already paid): the index first, then its key (the write order above). */
  add(id: string, order: StoredOrder): void;
  /**
   * Pending → queued, paid at `paidAt`: the one storage write of the platform's success callback. The order was
   * serialised when it was added, so this writes a concatenation (no JSON work, no index write).
   */
  markPaid(id: string, paidAt: number): void;
  /** Rewrites one order in one storage write (queued → rejected, pending → queued). Memory follows storage. */
  put(id: string, order: StoredOrder): void;
  /** Keeps the order in memory only (storage refused it): it is still sent, and the caller says so loudly. */
  keepInMemory(id: string, order: StoredOrder): void;
  /** Removes orders (the relay has them): their keys first, then the index once for the whole batch. */
  remove(ids: string[]): void;
}

/** The orders `storage` holds, loaded now (orphans swept); then kept in memory and written through. */
export function createOrderStore(storage: PlatformStorage): OrderStore {
  // A closure rather than a class: its members minify, the bundle a game ships is smaller.
  const orders = new Map<string, StoredOrder>();
  // Pending orders' reports as JSON without paidAt, made when they were added (see `encode`).
  const drafts = new Map<string, string>();
  const index = parseIndex(storage.get(INDEX_KEY));
  /** The ids the stored index lists. */
  let listed = new Set(index);
  for (const id of listed) {
    const order = parseOrder(storage.get(ORDER_PREFIX + id));
    if (order) orders.set(id, order);
  }
  const writeIndex = () => {
    const ids = Array.from(orders.keys());
    storage.set(INDEX_KEY, JSON.stringify(ids));
    listed = new Set(ids);
  };
  const write = (id: string, json: string) => {
    if (!listed.has(id)) writeIndex();
    storage.set(ORDER_PREFIX + id, json);
  };
  attempt(() => {
    let adopted = false;
    for (const key of (storage.keys && storage.keys()) || []) {
      const id = key.slice(ORDER_PREFIX.length);
      if (!key.startsWith(ORDER_PREFIX) || listed.has(id)) continue;
      const order = parseOrder(storage.get(key));
      if (order && order.s === ORDER_STATE.pending && index) storage.remove(key);
      else if (order) adopted = !!orders.set(id, order);
    }
    // Removals first, then one index write: a full storage gets room back. If the index still cannot grow, the
    // adopted orders are sent from memory and adopted again at the next start.
    if (adopted) writeIndex();
  });
  return {
    get: (id) => orders.get(id),
    list(state) {
      const all = Array.from(orders.entries());
      return state ? all.filter(([, o]) => o.s === state) : all;
    },
    add(id, order) {
      const rest = restOf(order.r);
      orders.set(id, order);
      try {
        write(id, encode(order.s, order.r.paidAt, rest));
      } catch (e) {
        // An index entry may remain without its key: harmless, as above.
        orders.delete(id);
        throw e;
      }
      if (order.s === ORDER_STATE.pending) drafts.set(id, rest);
    },
    markPaid(id, paidAt) {
      const { r } = orders.get(id)!;
      write(id, encode('q', paidAt, drafts.get(id) || restOf(r)));
      drafts.delete(id);
      orders.set(id, { s: ORDER_STATE.queued, r: { ...r, paidAt } });
    },
    put(id, order) {
      write(id, JSON.stringify(order));
      orders.set(id, order);
    },
    keepInMemory(id, order) {
      orders.set(id, order);
    },
    remove(ids) {
      for (const id of ids) {
        storage.remove(ORDER_PREFIX + id);
        orders.delete(id);
        drafts.delete(id);
      }
      if (ids.length) writeIndex();
    },
  };
}

/** The report as JSON without paidAt and without its opening brace: `encode` puts paidAt first. */
function restOf(r: ReportDraft): string {
  const json = JSON.stringify({ ...r, paidAt: undefined });
  return json === '{}' ? '}' : ',' + json.slice(1);
}

/** The stored order `{"s":…,"r":{"paidAt":…,…}}`, built from `restOf` by concatenation. */
function encode(s: OrderState, paidAt: number, rest: string): string {
  return '{"s":"' + s + '","r":{"paidAt":' + JSON.stringify(paidAt) + rest + '}';
}

/** The index's ids; undefined when it is there but unreadable. */
function parseIndex(raw: string | undefined): string[] | undefined {
  try {
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
  } catch {
    return undefined;
  }
}

function parseOrder(raw: string | undefined): StoredOrder | undefined {
  try {
    const v = JSON.parse(raw!) as StoredOrder;
    return v && (v.s === ORDER_STATE.pending || v.s === ORDER_STATE.queued || v.s === ORDER_STATE.rejected) && typeof v.r === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}
