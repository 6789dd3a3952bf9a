import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { SINK_NAMES, type SinkName } from '../config/config-schema';
import type { OrderRecord, OrderState, Proof } from '../storage/payment-store';
import type { Storage } from '../storage/storage';

export const DEMO_SINKS: readonly SinkName[] = SINK_NAMES;

/** One sink's side of one purchase, as the demo's live panel shows it. */
export interface SinkDelivery {
  status: 'pending' | 'delivered' | 'dead' | 'none';
  attempts: number;
  lastError: string | null;
  /** The request the sink would have been sent, from `<captureDir>/<sink>.jsonl` (headers already redacted). */
  captured: { at: number; method: string; url: string; body: unknown } | null;
}

/**
 * What the platform said of one relay order (a verified game): `pending` until proven; `paid` with the proof (the
 * platform's amount and time); `sandbox` / `unverified` as the relay keeps them. Null for a purchase with no relay
 * order (a reported game).
 */
export interface OrderVerification {
  state: OrderState;
  /** The client reported it paid (a claim: never revenue by itself). */
  claimed: boolean;
  /** The order's amount (the catalog price the relay signed). */
  amount: number | null;
  currency: string | null;
  proof: { source: Proof['source']; via: string; amount: number; currency: string; paidAt: number } | null;
}

export interface PurchaseDeliveries {
  orderId: string;
  createdAt: number;
  verification: OrderVerification | null;
  sinks: Record<SinkName, SinkDelivery>;
}

/** Relay orders read for the panel: the demo makes few, and the panel shows the newest of them. */
const ORDERS_READ = 1000;

/**
 * The newest purchases (relay orders the client reported paid or the platform proved, and purchases with deliveries) with the order's verification
 * state and each sink's delivery row and captured request. Read-only, for the demo page.
 */
export async function demoDeliveries(storage: Storage, appId: string, captureDir: string, limit = 20): Promise<PurchaseDeliveries[]> {
  const rows = await storage.listDeliveries({ appId, limit: limit * DEMO_SINKS.length });
  const orders = await storage.payments.listOrders({ appId, limit: ORDERS_READ });
  const captured = await readCaptured(captureDir);
  const byOrder = new Map<string, PurchaseDeliveries>();
  for (const order of orders) {
    // An order nobody paid yet (a sheet still open, or cancelled) is no purchase: listed once claimed or proven.
    if (order.state === 'pending' && order.claim === null) continue;
    byOrder.set(order.orderId, { orderId: order.orderId, createdAt: order.createdAt, verification: verificationOf(order), sinks: emptySinks() });
  }
  for (const row of rows) {
    let entry = byOrder.get(row.orderId);
    if (!entry) {
      const order = await storage.payments.getOrder(appId, row.orderId);
      entry = { orderId: row.orderId, createdAt: order?.createdAt ?? row.createdAt, verification: order ? verificationOf(order) : null, sinks: emptySinks() };
      byOrder.set(row.orderId, entry);
    }
    entry.createdAt = Math.min(entry.createdAt, row.createdAt);
    entry.sinks[row.sink] = {
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      captured: captured[row.sink].find((c) => c.text.includes(row.orderId))?.line ?? null,
    };
  }
  return [...byOrder.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}

/** One entry per sink of the list, so a new sink shows up in the panel with nothing else to change. */
function perSink<T>(make: () => T): Record<SinkName, T> {
  return Object.fromEntries(DEMO_SINKS.map((s) => [s, make()])) as Record<SinkName, T>;
}

function verificationOf(o: OrderRecord): OrderVerification {
  const p = o.proof;
  return {
    state: o.state,
    claimed: o.claim !== null,
    amount: o.amount,
    currency: o.currency,
    proof: p ? { source: p.source, via: p.via, amount: p.amount, currency: p.currency, paidAt: p.paidAt } : null,
  };
}

function emptySinks(): Record<SinkName, SinkDelivery> {
  return perSink((): SinkDelivery => ({ status: 'none', attempts: 0, lastError: null, captured: null }));
}

type CapturedLine = { text: string; line: NonNullable<SinkDelivery['captured']> };

async function readCaptured(dir: string): Promise<Record<SinkName, CapturedLine[]>> {
  const out = perSink((): CapturedLine[] => []);
  await Promise.all(
    DEMO_SINKS.map(async (sink) => {
      let text: string;
      try {
        text = await fs.readFile(join(dir, `${sink}.jsonl`), 'utf8');
      } catch {
        return; // nothing captured yet
      }
      for (const raw of text.split('\n')) {
        if (!raw.trim()) continue;
        try {
          const l = JSON.parse(raw) as { at: number; method: string; url: string; body: unknown };
          out[sink].push({ text: raw, line: { at: l.at, method: l.method, url: l.url, body: l.body } });
        } catch {
          // a torn last line while the worker writes: skip it, the next poll sees it whole
        }
      }
    }),
  );
  return out;
}
