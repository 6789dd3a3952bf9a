import type { SinkName } from '../config/config-schema';
import type { Storage } from '../storage/storage';
import { createRegistry, type Counter, type Histogram, type Registry } from './registry';

/** The relay's metrics (DESIGN.md "HTTP API", `/metrics`). Queue depth and dead counts are read from storage at scrape time. */
export interface RelayMetrics {
  registry: Registry;
  reports: Counter;
  deliveries: Counter;
  retries: Counter;
  /** Reports rejected because another purchase holds their order id. */
  orderIdConflicts: Counter;
  /** Requests refused with 429 REPORT_LIMIT, by the limit that refused them. */
  reportLimitRefusals: Counter;
  ingestSeconds: Histogram;
  /** Orders created (`POST /v1/orders`), by game. */
  orders: Counter;
  /** Platform proofs handled, by source (push, query) and outcome (revenue, sandbox, anomaly). */
  proofs: Counter;
  /** WeChat pushes, by result (handled, refused). */
  pushes: Counter;
  /** For the worker's `onAttempt`. */
  onAttempt(sink: SinkName, outcome: 'delivered' | 'retry' | 'dead', durationMs: number): void;
}

/** Ingest latency is dominated by the fsync of a group commit: buckets from 0.5 ms to 5 s. */
const INGEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createRelayMetrics(storage: Pick<Storage, 'stats' | 'listDeliveries' | 'payments'>, enabledSinks: readonly SinkName[]): RelayMetrics {
  const registry = createRegistry();
  const reports = registry.counter('relay_reports_total', 'Purchase reports answered, by status.');
  for (const status of ['accepted', 'duplicate', 'rejected']) reports.inc({ status }, 0);
  const deliveries = registry.counter('relay_deliveries_total', 'Delivery attempts, by sink and outcome.');
  const retries = registry.counter('relay_delivery_retries_total', 'Delivery attempts that will be retried, by sink.');
  const orderIdConflicts = registry.counter('relay_order_id_conflicts_total', 'Reports rejected with ORDER_ID_CONFLICT: another purchase holds their order id.');
  orderIdConflicts.inc({}, 0);
  const reportLimitRefusals = registry.counter('relay_report_limit_refusals_total', 'Purchase requests refused with 429 REPORT_LIMIT, by limit.');
  for (const limit of ['reportsPerPlayerPerMinute', 'reportsPerPlayerPerDay', 'reportsPerGamePerMinute']) reportLimitRefusals.inc({ limit }, 0);
  for (const sink of enabledSinks) {
    for (const outcome of ['delivered', 'retry', 'dead']) deliveries.inc({ sink, outcome }, 0);
    retries.inc({ sink }, 0);
  }
  let statsCache: { at: number; value: Promise<Awaited<ReturnType<Storage['stats']>>> } | undefined;
  // Both gauges are read in the same scrape: share one stats() call.
  const stats = () => {
    if (!statsCache || Date.now() - statsCache.at > 100) statsCache = { at: Date.now(), value: storage.stats() };
    return statsCache.value;
  };
  registry.gauge('relay_deliveries_dead', 'Deliveries given up on (kept; can be retried), by sink.', async () => {
    const s = await stats();
    const out: Array<[Record<string, string>, number]> = [];
    for (const sink of enabledSinks) {
      // Storage without per-sink dead counts: count the rows (dead rows are few by design).
      const n = s.deadBySink ? (s.deadBySink[sink] ?? 0) : (await storage.listDeliveries({ status: 'dead', sink, limit: 1_000_000 })).length;
      out.push([{ sink }, n]);
    }
    return out;
  });
  registry.gauge('relay_queue_depth', 'Deliveries pending (not yet delivered, not dead), by sink.', async () => {
    const s = await stats();
    return enabledSinks.map((sink) => [{ sink }, s.pendingBySink[sink] ?? 0] as [Record<string, string>, number]);
  });
  const orders = registry.counter('relay_orders_created_total', 'Orders the relay created and signed, by game.');
  const proofs = registry.counter('relay_payment_proofs_total', 'Platform proofs of payment handled, by source and outcome.');
  const pushes = registry.counter('relay_wechat_pushes_total', 'WeChat payment pushes, by result.');
  for (const result of ['handled', 'refused']) pushes.inc({ result }, 0);
  let payCache: { at: number; value: ReturnType<Storage['payments']['paymentStats']> } | undefined;
  const payStats = () => {
    if (!payCache || Date.now() - payCache.at > 100) payCache = { at: Date.now(), value: storage.payments.paymentStats() };
    return payCache.value;
  };
  registry.gauge('relay_orders', 'Orders not (yet) revenue, by state: pending (awaiting proof), unverified (given up: kept, never delivered), sandbox (proven in Env 1).', async () => {
    const s = await payStats();
    return Object.entries(s.orders).map(([state, n]) => [{ state }, n] as [Record<string, string>, number]);
  });
  registry.gauge('relay_payment_events', 'What the platforms said, by kind (proof, refund, anomaly, sandbox, mock).', async () => {
    const s = await payStats();
    return (['proof', 'refund', 'anomaly', 'sandbox'] as const).map((kind) => [{ kind }, s.events[kind] ?? 0] as [Record<string, string>, number]);
  });
  registry.gauge('relay_refunded_minor_units', 'Refunded money (minor units, CNY) the platforms reported.', async () => [[{}, (await payStats()).refundedAmount]]);
  const ingestSeconds = registry.histogram(
    'relay_ingest_duration_seconds',
    'Time from a parsed purchases request to its durable commit.',
    INGEST_BUCKETS,
  );
  return {
    registry,
    reports,
    deliveries,
    retries,
    orderIdConflicts,
    reportLimitRefusals,
    ingestSeconds,
    orders,
    proofs,
    pushes,
    onAttempt(sink, outcome) {
      deliveries.inc({ sink, outcome });
      if (outcome === 'retry') retries.inc({ sink });
    },
  };
}
