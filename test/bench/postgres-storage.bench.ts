/**
 * PostgreSQL storage benchmark (`npm run bench`), on a throwaway PostgreSQL 15 cluster (root) or `PG_TEST_URL`:
 * 1. ingest, 50 callers with one report each in flight, durable (commit before the answer): group commit against a
 *    baseline measured in the same run, one transaction per report with 10 running at once (10 pools of one
 *    transaction each, what a relay without group commit would do with a 10-connection pool);
 * 2. the drain: two storages (two relays) with 4 workers each claiming 50 at a time (`SKIP LOCKED`) and completing every delivery
 *    the grouped run created, against the ingest rate times the three sinks: above 1 means the outbox keeps up.
 */
import { performance } from 'node:perf_hooks';
import { PostgresStorage } from '../../src/relay/storage/postgres-storage';
import type { Storage } from '../../src/relay/storage/storage';
import { startPgCluster } from '../helpers/pg-cluster';
import { makeItem } from '../relay/storage/report-fixture';

const REPORTS = 1500;
const CALLERS = 50;
/** Rows per claim, as a Hive batch (`batchSize` 50). */
const CLAIM_LIMIT = 50;
const SINKS = ['tianmu', 'hive', 'kakao'] as const;

/** `REPORTS` one-report ingests with `CALLERS` in flight, spread over `storages`; returns reports per second. */
async function ingestRate(storages: Storage[], prefix: string): Promise<{ perSecond: number; p99Ms: number }> {
  let next = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      for (let i = next++; i < REPORTS; i = next++) {
        const t = performance.now();
        const [out] = await storages[(caller + i) % storages.length].ingest([makeItem({ orderId: `${prefix}-${i}`, uid: `u${i % 97}` }, { sinks: [...SINKS] })]);
        latencies.push(performance.now() - t);
        if (out.status !== 'accepted') throw new Error(`${prefix}-${i}: ${out.status}`);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: REPORTS / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)] };
}

async function drainRate(relays: Storage[], expected: number): Promise<number> {
  let done = 0;
  const t0 = performance.now();
  const worker = async (s: Storage) => {
    for (;;) {
      let claimed = 0;
      for (const sink of SINKS) {
        const got = await s.claimDue(sink, Date.now(), CLAIM_LIMIT, 30_000);
        claimed += got.length;
        await Promise.all(got.map((c) => s.complete(c.id, c.leaseToken, { outcome: 'delivered', at: Date.now() })));
        done += got.length;
      }
      if (claimed === 0) return;
    }
  };
  await Promise.all(relays.flatMap((r) => [r, r, r, r].map(worker)));
  const seconds = (performance.now() - t0) / 1000;
  if (done !== expected) throw new Error(`drained ${done} of ${expected}`);
  return done / seconds;
}

async function main(): Promise<void> {
  const cluster = await startPgCluster();
  const opened: PostgresStorage[] = [];
  const open = (url: string, options = {}) => {
    const s = new PostgresStorage(url, options);
    opened.push(s);
    return s;
  };
  try {
    const baseUrl = await cluster.createDatabase();
    const baseline = Array.from({ length: 10 }, () => open(baseUrl, { maxGroupItems: 1, maxConnections: 1 }));
    await baseline[0].migrate();
    const groupedUrl = await cluster.createDatabase();
    const grouped = open(groupedUrl);
    await grouped.migrate();

    // Warm both paths (connections, plans) before measuring.
    await ingestRate(baseline, 'warm');
    await ingestRate([grouped], 'warm');
    const base = await ingestRate(baseline, 'b');
    const group = await ingestRate([grouped], 'g');

    const relays = [grouped, open(groupedUrl)];
    // The warm-up run's deliveries are in the queue too.
    const drain = await drainRate(relays, 2 * REPORTS * SINKS.length);

    const f = (n: number) => n.toFixed(0);
    console.log(`postgres ingest, ${REPORTS} reports, ${CALLERS} callers, one report per call, durable:`);
    console.log(`  one transaction per report (10 at once): ${f(base.perSecond)} reports/s, p99 ${base.p99Ms.toFixed(1)} ms`);
    console.log(`  group commit:                            ${f(group.perSecond)} reports/s, p99 ${group.p99Ms.toFixed(1)} ms`);
    console.log(`  ratio group commit / per-report:         ${(group.perSecond / base.perSecond).toFixed(2)}x`);
    console.log(`postgres drain, 2 relays x 4 workers, SKIP LOCKED claims: ${f(drain)} deliveries/s`);
    console.log(`  ratio drain / (grouped ingest x 3 sinks): ${(drain / (group.perSecond * SINKS.length)).toFixed(2)}x (above 1: the outbox keeps up)`);
  } finally {
    for (const s of opened) await s.close();
    await cluster.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
