/**
 * `npm run bench -- delivery-drain`: what the delivery worker costs per purchase with nothing else on its event loop,
 * against the bare HTTP exchanges it cannot avoid, measured in the same run. N purchases are stored (SQLite, three
 * sinks); then, alternating, each round on fresh purchases:
 * - baseline: a bare `node:http` keep-alive client sends the requests those purchases need (Tianmu and Kakao one per
 *   purchase, Hive in batches of its `batchSize`), built before the clock starts, 32 in flight per sink, and reads
 *   every answer, to the same fakes;
 * - the worker: `drainOnce()` over the stored purchases (claims, mapping and row checks, requests, classification,
 *   results), `concurrencyPerSink` as configured (default 32).
 * CPU is this process's (`process.cpuUsage`) over each; the fakes run in their own process. The relay-ingest bench
 * measures delivery under load; this one isolates it, so a change to the delivery path can be weighed in seconds.
 *
 * Knobs (env): BENCH_PURCHASES (default 10000), BENCH_ROUNDS (default 3).
 */
import * as http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../src/relay/config/load-config';
import type { RelayConfig } from '../../src/relay/config/config-schema';
import { createDeliveryWorker } from '../../src/relay/delivery/worker';
import { SINKS, type AnySink } from '../../src/relay/sinks';
import type { SinkRequest, StoredPurchase } from '../../src/relay/sinks/sink';
import { SqliteStorage } from '../../src/relay/storage/sqlite-storage';
import { makeItem } from '../relay/storage/report-fixture';
import { BENCH_ENV, ingestConfig, sinksAt } from './bench-configs';
import { startFakeSinks, type FakeSinkStats } from './relay-bench-kit';

const N = Number(process.env.BENCH_PURCHASES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IN_FLIGHT = 32;
const SILENT = { debug() {}, info() {}, warn() {}, error: (...a: unknown[]) => console.error(...a) };

const cpuMs = (from: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
};
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Sends `requests` over one keep-alive agent, `IN_FLIGHT` at a time, reading each answer whole; resolves the statuses. */
async function sendBare(requests: readonly SinkRequest[], agent: http.Agent): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const one = (r: SinkRequest, url: URL) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: r.method, agent, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            Buffer.concat(chunks).toString('utf8');
            statuses.push(res.statusCode ?? 0);
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  const url = new URL(requests[0].url);
  const lane = async () => {
    while (next < requests.length) await one(requests[next++], url);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return statuses;
}

/** The requests each sink needs for `purchases`, built by the sinks' own mapping. */
function requestsFor(purchases: readonly StoredPurchase[], config: RelayConfig): SinkRequest[][] {
  const game = config.games[0];
  return Object.values<AnySink>(SINKS).map((sink) => {
    const cfg = sink.configOf(game) as never;
    const size = sink.maxBatch(cfg);
    const out: SinkRequest[] = [];
    for (let i = 0; i < purchases.length; i += size) out.push(sink.toRequest(purchases.slice(i, i + size), cfg, game));
    return out;
  });
}

function delta(after: FakeSinkStats, before: FakeSinkStats): FakeSinkStats {
  return Object.fromEntries(
    Object.entries(after).map(([k, v]) => [k, { unique: v.unique - before[k].unique, duplicates: v.duplicates - before[k].duplicates, rejected: v.rejected - before[k].rejected }]),
  );
}

/** Every sink got each of `n` purchases once, and refused none. */
function allOnce(d: FakeSinkStats, n: number): boolean {
  return Object.values(d).every((v) => v.unique === n && v.duplicates === 0 && v.rejected === 0);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'delivery-drain-'));
  const fakes = await startFakeSinks(BENCH_ENV);
  let failed = false;
  try {
    const loaded = resolveConfig(ingestConfig({ sqlite: join(dir, 'relay.db') }, sinksAt(fakes.urls)), BENCH_ENV);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const config = loaded.config;
    const storage = new SqliteStorage(join(dir, 'relay.db'));
    await storage.migrate();
    const rows: string[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const items = Array.from({ length: N }, (_, i) => makeItem({ orderId: `r${round}-${i}`, uid: `u${i % 997}` }, { receivedAt: Date.now() }));
      const bare = requestsFor(
        items.map((it, i) => ({ report: { ...it.report, orderId: `bare${round}-${i}` }, isFirstPay: false, clientIp: it.clientIp, receivedAt: it.receivedAt })),
        config,
      );
      for (let i = 0; i < N; i += 500) await storage.ingest(items.slice(i, i + 500));

      let before = await fakes.stats();
      // A new agent each round: a socket left idle through the worker's turn may be closed by the fake meanwhile.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
      global.gc?.();
      let c0 = process.cpuUsage();
      let t0 = Date.now();
      const statuses = (await Promise.all(bare.map((reqs) => sendBare(reqs, agent)))).flat();
      const bareCpu = cpuMs(c0);
      const bareWall = Date.now() - t0;
      agent.destroy();
      const bareOk = allOnce(delta(await fakes.stats(), before), N) && statuses.every((s) => s === 200);

      before = await fakes.stats();
      const worker = createDeliveryWorker({ storage, config, sinks: SINKS, log: SILENT });
      global.gc?.();
      c0 = process.cpuUsage();
      t0 = Date.now();
      const attempted = await worker.drainOnce();
      const workerCpu = cpuMs(c0);
      const workerWall = Date.now() - t0;
      await worker.stop();
      const workerOk = allOnce(delta(await fakes.stats(), before), N) && attempted === 3 * N;

      failed ||= !bareOk || !workerOk;
      ratios.push(workerCpu / bareCpu);
      rows.push(
        `round ${round + 1}: bare HTTP ${fmt((bareCpu * 1000) / N)} µs CPU per purchase (${fmt(N / (bareWall / 1000))}/s)${bareOk ? '' : ' NOT ALL ACCEPTED'}; ` +
          `worker ${fmt((workerCpu * 1000) / N)} µs (${fmt(N / (workerWall / 1000))}/s)${workerOk ? '' : ' NOT ALL DELIVERED ONCE'}; ×${fmt(workerCpu / bareCpu, 2)}`,
      );
    }
    await storage.close();
    console.log(`delivery drain: ${N} stored purchases per round to fake Tianmu, Hive (batches of ${config.games[0].sinks.hive?.batchSize}) and Kakao, ${IN_FLIGHT} in flight per sink`);
    rows.forEach((r) => console.log(r));
    const sorted = [...ratios].sort((a, b) => a - b);
    console.log(`worker CPU per purchase / bare HTTP CPU per purchase: median ×${fmt(sorted[Math.floor(sorted.length / 2)], 2)} (×${fmt(sorted[0], 2)} to ×${fmt(sorted[sorted.length - 1], 2)})`);
    console.log(`RESULT ${JSON.stringify({ ratios })}`);
  } finally {
    await fakes.child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
