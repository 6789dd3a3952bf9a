/**
 * `npm run bench -- relay-fleet`: durable ingest of 1, 2 and 3 relays (child processes) on one PostgreSQL 15
 * database, against 1 relay on SQLite and a bare `node:http` hello-world, all in the same run with the same
 * closed-loop load generator, which spreads its keep-alive connections over the relays (connection c goes to relay
 * c mod n, as an L4 load balancer pins a keep-alive connection to one backend).
 *
 * Per configuration: reports/s, p50/p99 latency, reports/s per relay, CPU seconds per 1,000 reports of the relays
 * and of every PostgreSQL server process (`/proc/<pid>/stat` utime+stime, exited backends through the postmaster's
 * cutime+cstime), Postgres connections of the database (`pg_stat_activity`, sampled during the run), write
 * transactions (next-xid delta: with no sinks, one per ingest group) and WAL bytes per report; each as a ratio to
 * 1 relay on SQLite.
 *
 * The cluster is a throwaway one (`test/helpers/pg-cluster.ts`: initdb + pg_ctl as the postgres user, a random
 * loopback port, removed at the end; or `PG_TEST_URL`). Each configuration gets a fresh database. Sandbox sessions,
 * `allowSandboxRevenue` off, no sinks (or capture sinks with BENCH_FLEET_SINKS=capture), report limits raised.
 *
 * Knobs (env): BENCH_CONNECTIONS (default 32), BENCH_DURATION_MS (default 5000), BENCH_MAX_REQUESTS (per
 * measurement, default 100000), BENCH_FLEET_SINKS (`none` | `capture`, default none), BENCH_FLEET_TIMEOUT_MS (the
 * whole bench, default 300000), BENCH_PROF (a directory: each relay writes a V8 CPU profile there).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { BENCH_APP_ID, BENCH_ENV, captureSinks, fleetConfig } from './bench-configs';
import { child, childPids, closedLoop, parentPid, procCpuSeconds, transpileRelay, type Child, type LoadResult, type Target, percentile, reportBody } from './relay-bench-kit';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 100_000);
const SINKS = process.env.BENCH_FLEET_SINKS === 'capture' ? 'capture' : 'none';
const TIMEOUT_MS = Number(process.env.BENCH_FLEET_TIMEOUT_MS ?? 300_000);
const WARMUP_MS = 1500;
const FLEET = [1, 2, 3];
const APP_ID = BENCH_APP_ID;
const ENV = BENCH_ENV;

const HELLO = `require('http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(200, {'content-type': 'application/json'}); s.end('{"ok":true}'); }); })
  .listen(0, '127.0.0.1', function () { console.log('READY http://127.0.0.1:' + this.address().port); });`;

/** The shared closed-loop generator with this bench's connection count. */
const load = (targets: Target[], durationMs: number, maxRequests: number) => closedLoop(targets, CONNECTIONS, durationMs, maxRequests);

function sinksFor(captureDir: string): object {
  if (SINKS === 'none') return {};
  mkdirSync(captureDir, { recursive: true });
  return captureSinks(captureDir);
}

interface Relay {
  child: Child;
  pid: number;
  url: string;
}

/** Starts the compiled relay on `storage` (sandbox sessions, allowSandboxRevenue left off, limits raised). */
async function startRelay(main: string, dir: string, name: string, storage: object, children: Child[]): Promise<Relay> {
  const configFile = join(dir, `${name}.json`);
  writeFileSync(configFile, JSON.stringify(fleetConfig(storage, sinksFor(join(dir, `${name}-capture`)))));
  const prof = process.env.BENCH_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const relay = child([...prof, main, 'start', '--config', configFile], { ...ENV, LOG_LEVEL: 'warn', NODE_PATH: join(__dirname, '../../node_modules') });
  children.push(relay);
  const url = (await relay.waitFor(/purchase-relay listening on (\S+)/))[1];
  return { child: relay, pid: relay.proc.pid!, url };
}

/** Logs in the users of the connections pinned to each relay, at that relay. */
async function targetsFor(relays: Relay[]): Promise<Target[]> {
  const sessions: Array<{ token: string; openid: string }> = [];
  for (let c = 0; c < CONNECTIONS; c++) {
    const r = await fetch(`${relays[c % relays.length].url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: APP_ID, code: `fleet-${c}` }) });
    if (!r.ok) throw new Error(`login: ${r.status} ${await r.text()}`);
    sessions.push((await r.json()) as { token: string; openid: string });
  }
  return relays.map((r) => ({ url: r.url, path: '/v1/purchases', body: (c) => reportBody(sessions[c].openid, 'fleet', APP_ID), headers: (c) => ({ authorization: `Bearer ${sessions[c].token}` }) }));
}

/** CPU seconds of every process of the PostgreSQL server: the postmaster, its live children, its reaped ones. */
function pgCpu(postmaster: number): number {
  return procCpuSeconds(postmaster, true) + childPids(postmaster).reduce((sum, pid) => sum + procCpuSeconds(pid), 0);
}

interface Measured {
  name: string;
  relays: number;
  r: LoadResult;
  relayCpu: number;
  pgCpu?: number;
  /** Most connections of the database seen at once; mean of those active (running a statement) per sample. */
  conns?: { max: number; activeMean: number; activeMax: number };
  /** Write transactions (xids) committed during the run. */
  xacts?: number;
  walBytes?: number;
}

async function measureRelays(name: string, relays: Relay[], pg?: { monitor: Client; db: string; postmaster: number }): Promise<Measured> {
  const targets = await targetsFor(relays);
  await load(targets, WARMUP_MS, MAX_REQUESTS);
  const cpuOf = () => relays.reduce((s, r) => s + procCpuSeconds(r.pid), 0);
  const xid = async () => Number((await pg!.monitor.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x')).rows[0].x);
  const lsn = async () => (await pg!.monitor.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0].l;
  const x0 = pg ? await xid() : 0;
  const l0 = pg ? await lsn() : '';
  const samples: Array<{ total: number; active: number }> = [];
  let sampling = true;
  const sampler = (async () => {
    while (pg && sampling) {
      const { rows } = await pg.monitor.query<{ total: string; active: string }>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE state = 'active') AS active FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [pg.db],
      );
      samples.push({ total: Number(rows[0].total), active: Number(rows[0].active) });
      await new Promise((res) => setTimeout(res, 250));
    }
  })();
  const relay0 = cpuOf();
  const pg0 = pg ? pgCpu(pg.postmaster) : 0;
  const r = await load(targets, DURATION_MS, MAX_REQUESTS);
  const relayCpu = cpuOf() - relay0;
  const pgCpuUsed = pg ? pgCpu(pg.postmaster) - pg0 : undefined;
  sampling = false;
  await sampler;
  const m: Measured = { name, relays: relays.length, r, relayCpu, pgCpu: pgCpuUsed };
  if (pg) {
    m.xacts = (await xid()) - x0;
    m.walBytes = Number((await pg.monitor.query<{ d: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::bigint::text AS d', [l0])).rows[0].d);
    m.conns = { max: Math.max(...samples.map((s) => s.total)), activeMean: samples.reduce((s, x) => s + x.active, 0) / samples.length, activeMax: Math.max(...samples.map((s) => s.active)) };
  }
  return m;
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '-');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-fleet-'));
  const children: Child[] = [];
  let cluster: PgCluster | undefined;
  let monitor: Client | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all(children.map((c) => c.stop()));
    await monitor?.end().catch(() => undefined);
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const watchdog = setTimeout(() => {
    console.error(`relay-fleet: over ${TIMEOUT_MS} ms, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, TIMEOUT_MS);
  let failed: boolean;
  try {
    const main = transpileRelay(join(dir, 'build'));
    cluster = await startPgCluster();
    monitor = new Client({ connectionString: cluster.url });
    await monitor.connect();
    const backend = (await monitor.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const postmaster = parentPid(backend);
    const pgVersion = (await monitor.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
    const pgSettings = (await monitor.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method', 'commit_delay', 'shared_buffers')`)).rows;

    const hello = child(['-e', HELLO]);
    children.push(hello);
    const helloUrl = (await hello.waitFor(/^READY (.*)$/))[1];
    const helloTarget: Target[] = [{ url: helloUrl, path: '/', body: () => reportBody('hello', 'fleet', APP_ID), headers: () => ({}) }];
    const helloRun = async () => {
      await load(helloTarget, WARMUP_MS, MAX_REQUESTS);
      const cpu0 = procCpuSeconds(hello.proc.pid!);
      const r = await load(helloTarget, DURATION_MS, MAX_REQUESTS);
      return { name: 'hello-world node:http', relays: 1, r, relayCpu: procCpuSeconds(hello.proc.pid!) - cpu0 } as Measured;
    };
    const h1 = await helloRun();

    const runs: Measured[] = [];
    {
      const relay = await startRelay(main, dir, 'sqlite', { sqlite: join(dir, 'sqlite.db') }, children);
      runs.push(await measureRelays('1 relay, SQLite', [relay]));
      await relay.child.stop();
    }
    for (const n of FLEET) {
      const url = await cluster.createDatabase();
      const db = new URL(url).pathname.slice(1);
      const relays: Relay[] = [];
      // One after another: the first applies the migrations, the others find them done.
      for (let i = 0; i < n; i++) relays.push(await startRelay(main, dir, `pg${n}-${i}`, { postgres: url }, children));
      runs.push(await measureRelays(`${n} relay${n > 1 ? 's' : ''}, one PostgreSQL`, relays, { monitor, db, postmaster }));
      await Promise.all(relays.map((r) => r.child.stop()));
      await cluster.dropDatabase(url);
    }
    const h2 = await helloRun();

    const rate = (m: Measured) => m.r.requests / m.r.seconds;
    const hello_ = rate(h1) >= rate(h2) ? h1 : h2;
    const base = runs[0];
    const perK = (cpu: number, m: Measured) => (cpu / Math.max(1, m.r.accepted)) * 1000;
    const total = (m: Measured) => m.relayCpu + (m.pgCpu ?? 0);

    console.log(`relay fleet: POST /v1/purchases, 1 report per request, durable (SQLite synchronous=FULL; PostgreSQL ${pgVersion}, ${pgSettings.map((s) => `${s.name}=${s.setting}`).join(', ')})`);
    console.log(`sinks: ${SINKS === 'none' ? 'none (ingest alone)' : 'capture (tianmu, hive, kakao to files, the worker delivering during ingest)'}; each relay's pool: 10 connections (default)`);
    console.log(`load: ${CONNECTIONS} keep-alive connections spread over the relays (connection c -> relay c mod n), closed loop, ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    console.log(`hello-world node:http: ${fmt(rate(h1))} req/s before, ${fmt(rate(h2))} after (the faster is the baseline)`);
    const head = ['configuration', 'reports/s', 'x SQLite', 'x node:http', 'per relay', 'p50 ms', 'p99 ms', 'relay CPU s/1k', 'PG CPU s/1k', 'total CPU s/1k', 'x SQLite', 'load gen CPU s/1k', 'PG conns max (active mean/max)', 'reports/xact', 'WAL B/report'];
    const rows = [hello_, ...runs].map((m) => {
      const isHello = m === hello_;
      return [
        isHello ? 'hello-world node:http' : m.name,
        fmt(rate(m)),
        isHello ? '' : fmt(rate(m) / rate(base), 2),
        fmt(rate(m) / rate(hello_), 2),
        isHello ? '' : fmt(rate(m) / m.relays),
        fmt(percentile(m.r.latenciesMs, 50), 1),
        fmt(percentile(m.r.latenciesMs, 99), 1),
        isHello ? '' : fmt(perK(m.relayCpu, m), 3),
        m.pgCpu === undefined ? '' : fmt(perK(m.pgCpu, m), 3),
        isHello ? '' : fmt(perK(total(m), m), 3),
        isHello ? '' : fmt(perK(total(m), m) / perK(total(base), base), 2),
        isHello ? '' : fmt(perK(m.r.loadCpu, m), 3),
        m.conns ? `${m.conns.max} (${fmt(m.conns.activeMean, 1)}/${m.conns.activeMax})` : '',
        m.xacts ? fmt(m.r.accepted / m.xacts, 1) : '',
        m.walBytes ? fmt(m.walBytes / m.r.accepted) : '',
      ];
    });
    console.log(`| ${head.join(' | ')} |`);
    console.log(`|${head.map(() => '---').join('|')}|`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    for (const m of runs) {
      const others = [...m.r.statuses].filter(([k]) => k !== '200:accepted');
      if (m.r.errors > 0 || others.length > 0) console.log(`${m.name}: not all accepted: ${JSON.stringify(Object.fromEntries(m.r.statuses))}`);
    }
    console.log(
      `RESULT ${JSON.stringify({
        hello: rate(hello_),
        runs: runs.map((m) => ({ name: m.name, rate: rate(m), ratio: rate(m) / rate(base), p50: percentile(m.r.latenciesMs, 50), p99: percentile(m.r.latenciesMs, 99), relayCpuPerK: perK(m.relayCpu, m), pgCpuPerK: m.pgCpu === undefined ? null : perK(m.pgCpu, m), loadCpuPerK: perK(m.r.loadCpu, m), conns: m.conns ?? null, reportsPerXact: m.xacts ? m.r.accepted / m.xacts : null, walPerReport: m.walBytes ? m.walBytes / m.r.accepted : null })),
      })}`,
    );
    failed = runs.some((m) => m.r.errors > 0 || m.r.accepted !== m.r.requests);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
