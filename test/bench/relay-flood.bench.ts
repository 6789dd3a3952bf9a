/**
 * `npm run bench -- relay-flood`: a flood of purchase reports against the relay with the report limits, and the same
 * flood in the same run against the relay with them switched off (the baseline, as before the hardening). 64 sandbox
 * users each post batches of 50 reports as fast as the relay answers, for a bounded time; the upstreams are down
 * (every delivery stays pending, the worst case for the queue). Prints reports stored, database size, bytes per
 * purchase, pending deliveries, the relay's peak RSS and the 429s; fails when the limited relay's peak RSS reaches
 * 200 MB or it stored more than its limits allow. Ratios only: no absolute time is asserted.
 *
 * Knobs (env): BENCH_FLOOD_USERS (default 64), BENCH_FLOOD_MS (default 10000), BENCH_BASELINE_MS (default 5000).
 * All users share 127.0.0.1, so the per-IP request limit is raised; the per-openid request limit stays at its default.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, child, procStatus, transpileRelay, type Child } from './relay-bench-kit';
import { BENCH_APP_ID, BENCH_ENV, floodConfig } from './bench-configs';

const USERS = Number(process.env.BENCH_FLOOD_USERS ?? 64);
const FLOOD_MS = Number(process.env.BENCH_FLOOD_MS ?? 10_000);
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 5000);
const APP_ID = BENCH_APP_ID;
const BATCH = 50;
const DEFAULT_LIMITS = { reportsPerPlayerPerMinute: 10, reportsPerPlayerPerDay: 200, reportsPerGamePerMinute: 3000 };
const OFF = { reportsPerPlayerPerMinute: 1e9, reportsPerPlayerPerDay: 1e9, reportsPerGamePerMinute: 1e9 };
/** Nothing listens here: every delivery attempt fails and stays pending. */
const DOWN = 'http://127.0.0.1:9/';

let seq = 0;
function batch(openid: string): string {
  const reports = Array.from({ length: BATCH }, () => ({
    orderId: `flood${process.pid}x${++seq}`,
    appId: APP_ID,
    uid: openid,
    productId: '500.picsh.cre',
    goodsName: '500 diamonds',
    amount: 999,
    currency: 'CNY',
    payType: 2,
    paidAt: Date.now(),
    device: { type: 3, brand: 'OPPO', model: 'OPPO A57', os: 'android', osVersion: '10' },
    netType: '4g',
    scene: '1047',
    sdkVersion: '0.1.0',
  }));
  return JSON.stringify({ reports });
}

interface FloodResult {
  seconds: number;
  statuses: Map<number, number>;
  stored: number;
  pending: number;
  dbBytes: number;
  peakRssMb: number;
}

async function flood(main: string, dir: string, name: string, limits: object, durationMs: number, children: Child[]): Promise<FloodResult> {
  const db = join(dir, `${name}.db`);
  const configFile = join(dir, `${name}.json`);
  writeFileSync(configFile, JSON.stringify(floodConfig(db, limits, DOWN)));
  const relay = child([main, 'start', '--config', configFile], { ...BENCH_ENV, LOG_LEVEL: 'error', NODE_PATH: join(ROOT, 'node_modules') });
  children.push(relay);
  const url = (await relay.waitFor(/purchase-relay listening on (\S+)/))[1];
  const users: Array<{ token: string; openid: string }> = [];
  for (let i = 0; i < USERS; i++) {
    const r = await fetch(`${url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: APP_ID, code: `flood-${i}` }) });
    users.push((await r.json()) as { token: string; openid: string });
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });
  const u = new URL(url);
  const statuses = new Map<number, number>();
  const post = (user: { token: string; openid: string }) =>
    new Promise<void>((res) => {
      const body = batch(user.openid);
      const req = http.request(
        { agent, host: u.hostname, port: u.port, path: '/v1/purchases', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${user.token}` } },
        (resp) => {
          resp.resume();
          resp.on('end', () => {
            statuses.set(resp.statusCode ?? 0, (statuses.get(resp.statusCode ?? 0) ?? 0) + 1);
            res();
          });
        },
      );
      req.on('error', () => (statuses.set(0, (statuses.get(0) ?? 0) + 1), res()));
      req.end(body);
    });
  const started = Date.now();
  const deadline = started + durationMs;
  // As fast as they can: each user sends its next batch on the answer to the last, ignoring Retry-After.
  await Promise.all(users.map(async (user) => {
    while (Date.now() < deadline) await post(user);
  }));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  const health = (await (await fetch(`${url}/healthz`)).json()) as { purchases: number; deliveries: { pending: number } };
  const peakRssMb = procStatus(relay.proc.pid!, 'VmHWM');
  await relay.stop();
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return { seconds, statuses, stored: health.purchases, pending: health.deliveries.pending, dbBytes: size(db) + size(`${db}-wal`), peakRssMb };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mb = (b: number) => `${fmt(b / 1024 ** 2, 1)} MB`;

function print(name: string, r: FloodResult): void {
  const requests = [...r.statuses.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${name.padEnd(22)}: ${fmt(r.stored)} reports stored in ${fmt(r.seconds, 1)} s (${fmt(r.stored / r.seconds)}/s), ` +
      `${fmt(requests)} requests (${[...r.statuses].map(([s, n]) => `${s}: ${fmt(n)}`).join(', ')}), ` +
      `database ${mb(r.dbBytes)} (${r.stored ? fmt(r.dbBytes / r.stored) : '-'} bytes per purchase, WAL included), ` +
      `${fmt(r.pending)} deliveries pending, peak RSS ${fmt(r.peakRssMb)} MB`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-flood-'));
  const children: Child[] = [];
  let failed: boolean;
  try {
    const main = transpileRelay(join(dir, 'build'));
    const base = await flood(main, dir, 'baseline', OFF, BASELINE_MS, children);
    const limited = await flood(main, dir, 'limited', DEFAULT_LIMITS, FLOOD_MS, children);
    // The most the limits allow in the flood's time: the game bucket full at the start, its refill, one batch of debt.
    const allowed = DEFAULT_LIMITS.reportsPerGamePerMinute * (1 + limited.seconds / 60) + BATCH;
    console.log(`relay flood: ${USERS} sandbox users, batches of ${BATCH} reports, closed loop, upstreams down; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    console.log(`limits: ${JSON.stringify(DEFAULT_LIMITS)} (the defaults); baseline: report limits off, as before`);
    print('baseline (no limits)', base);
    print('with report limits', limited);
    console.log(
      `ratio limited / baseline            : ${fmt(limited.stored / limited.seconds / (base.stored / base.seconds), 3)} of the stored reports per second, ` +
        `${fmt(limited.dbBytes / limited.seconds / (base.dbBytes / base.seconds), 3)} of the database growth per second`,
    );
    console.log(`stored with limits                  : ${fmt(limited.stored)} of at most ${fmt(allowed)} the limits allow in ${fmt(limited.seconds, 1)} s`);
    console.log(`429 answers with limits             : ${fmt(limited.statuses.get(429) ?? 0)}`);
    failed = limited.peakRssMb >= 200 || limited.stored > allowed || (limited.statuses.get(429) ?? 0) === 0 || (limited.statuses.get(0) ?? 0) > 0;
    if (limited.peakRssMb >= 200) console.log('FAIL: peak RSS reached 200 MB');
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
