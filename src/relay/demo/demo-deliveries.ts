import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { SINK_NAMES, type SinkName } from '../config/config-schema';
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

export interface PurchaseDeliveries {
  orderId: string;
  createdAt: number;
  sinks: Record<SinkName, SinkDelivery>;
}

/** The newest purchases with each sink's delivery row and captured request. Read-only, for the demo page. */
export async function demoDeliveries(storage: Storage, appId: string, captureDir: string, limit = 20): Promise<PurchaseDeliveries[]> {
  const rows = await storage.listDeliveries({ appId, limit: limit * DEMO_SINKS.length });
  const captured = await readCaptured(captureDir);
  const byOrder = new Map<string, PurchaseDeliveries>();
  for (const row of rows) {
    let entry = byOrder.get(row.orderId);
    if (!entry) {
      entry = { orderId: row.orderId, createdAt: row.createdAt, sinks: emptySinks() };
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
