/**
 * `npm run bench -- relay-ingest`: durable ingest throughput of the relay against a bare `node:http` hello-world,
 * both child processes measured in the same run by the same load generator, plus the relay's peak RSS and how fast
 * its worker drains deliveries to fake Tianmu / Hive / Kakao compared with the ingest rate.
 *
 * Knobs (env): BENCH_CONNECTIONS (default 32), BENCH_DURATION_MS (default 5000), BENCH_MAX_REQUESTS (default 50000),
 * BENCH_SINK_CONCURRENCY (the relay's `delivery.concurrencyPerSink`; default: the config default).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, child, closedLoop, startFakeSinks, procCpuSeconds, procStatus, transpileRelay, type Child, type LoadResult, percentile, reportBody } from './relay-bench-kit';
import { BENCH_APP_ID, BENCH_ENV, ingestConfig, sinksAt } from './bench-configs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 50_000);
/** `delivery.concurrencyPerSink` of the relay; unset: the config default (4). */
const SINK_CONCURRENCY = process.env.BENCH_SINK_CONCURRENCY ? Number(process.env.BENCH_SINK_CONCURRENCY) : undefined;
const WARMUP_MS = 1500;
const APP_ID = BENCH_APP_ID;

const HELLO = `require('http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(200, {'content-type': 'application/json'}); s.end('{"ok":true}'); }); })
  .listen(0, '127.0.0.1', function () { console.log('READY http://127.0.0.1:' + this.address().port); });`;

/**
 * The ceiling of any relay that delivers each purchase to Tianmu and Kakao (one request each, neither batches): a
 * bare `node:http` server that answers each report once it has POSTed it to two bare upstreams over keep-alive, with
 * no storage, no session check, no mapping. What it reaches against hello-world bounds the ratio on this machine.
 */
const FORWARDER = (upstream: string) => `const http = require('http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const post = (b) => new Promise((res, rej) => {
  const r = http.request(${JSON.stringify(upstream)}, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) } }, (x) => { x.resume(); x.on('end', res); });
  r.on('error', rej); r.end(b);
});
http.createServer((q, s) => { let b = ''; q.on('data', (c) => (b += c)); q.on('end', () => Promise.all([post(b), post(b)]).then(() => { s.writeHead(200, {'content-type': 'application/json'}); s.end('{"ok":true}'); })); })
  .listen(0, '127.0.0.1', function () { console.log('READY http://127.0.0.1:' + this.address().port); });`;

/**
 * The same with durability, the least a relay must add: each report inserted into SQLite (WAL, `synchronous=FULL`,
 * the reports of one event-loop turn in one transaction, as the relay's group commit does), answered once committed,
 * then POSTed to the two upstreams without waiting (as a delivery worker sends after the answer). No session check,
 * no schema, no delivery bookkeeping, no mapping.
 */
const DURABLE_FORWARDER = (upstream: string, file: string) => `const http = require('http');
const Database = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});
const db = new Database(${JSON.stringify(file)});
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE reports (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO reports (body) VALUES (?)');
const commit = db.transaction((group) => { for (const g of group) insert.run(g.body); });
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const post = (b) => {
  const r = http.request(${JSON.stringify(upstream)}, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) } }, (x) => x.resume());
  // A failed POST ends the process, so the load generator's errors fail the bench instead of flattering the ceiling.
  r.on('error', (err) => { console.error(err); process.exit(1); }); r.end(b);
};
let group = [];
const flush = () => { const g = group; group = []; commit.immediate(g); for (const x of g) { x.res.writeHead(200, {'content-type': 'application/json'}); x.res.end('{"ok":true}'); post(x.body); post(x.body); } };
http.createServer((q, res) => { let body = ''; q.on('data', (c) => (body += c)); q.on('end', () => { if (group.push({ body, res }) === 1) setImmediate(flush); }); })
  .listen(0, '127.0.0.1', function () { console.log('READY http://127.0.0.1:' + this.address().port); });`;

/** CPU seconds used by the named processes (and by this one, the load generator) from now until `stop()`. */
function cpuMeter(pids: Record<string, number>) {
  const start = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, procCpuSeconds(pid)]));
  const gen0 = process.cpuUsage();
  return () => {
    const gen = process.cpuUsage(gen0);
    const out: Record<string, number> = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, procCpuSeconds(pid) - start[k]]));
    out['load generator'] = (gen.user + gen.system) / 1e6;
    return out;
  };
}

/** `cpu` as milliseconds of CPU per request and as cores busy over `seconds`. */
function cpuLine(cpu: Record<string, number>, requests: number, seconds: number): string {
  const total = Object.values(cpu).reduce((a, b) => a + b, 0);
  const parts = Object.entries(cpu).map(([k, v]) => `${k} ${fmt((v * 1000) / requests, 3)}`);
  return `${parts.join(', ')}; total ${fmt((total * 1000) / requests, 3)} ms per request, ${fmt(total / seconds, 2)} cores busy`;
}

/** The shared closed-loop generator, one target. */
const load = (url: string, path: string, body: (conn: number) => string, headers: (conn: number) => Record<string, string>, durationMs: number, maxRequests: number) =>
  closedLoop([{ url, path, body, headers }], CONNECTIONS, durationMs, maxRequests);

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const line = (name: string, r: LoadResult) =>
  `${name.padEnd(34)}: ${fmt(r.requests / r.seconds).padStart(6)} req/s, p50 ${fmt(percentile(r.latenciesMs, 50), 1)} ms, p99 ${fmt(percentile(r.latenciesMs, 99), 1)} ms` +
  (r.errors > 0 ? ` (${r.errors} errors: ${JSON.stringify(Object.fromEntries(r.statuses))})` : '');

/** Mean of the relay's own `relay_ingest_duration_seconds` histogram: how long a durable commit took. */
async function ingestSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = Number(/^relay_ingest_duration_seconds_sum (\S+)$/m.exec(text)?.[1]);
  const count = Number(/^relay_ingest_duration_seconds_count (\S+)$/m.exec(text)?.[1]);
  return sum / count;
}

interface Sessions {
  body(conn: number): string;
  headers(conn: number): Record<string, string>;
}

/** Starts the compiled relay on `config` and logs in one user per connection, as many players would be. */
async function startRelay(main: string, dir: string, name: string, sinks: object, env: Record<string, string>, children: Child[], storage?: object) {
  const configFile = join(dir, `${name}.json`);
  writeFileSync(configFile, JSON.stringify(ingestConfig(storage ?? { sqlite: join(dir, `${name}.db`) }, sinks, SINK_CONCURRENCY)));
  const relay = child([...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/r2b-prof'] : []), main, 'start', '--config', configFile], {
    ...env,
    LOG_LEVEL: 'warn',
    NODE_PATH: join(ROOT, 'node_modules'),
  });
  children.push(relay);
  const url = (await relay.waitFor(/purchase-relay listening on (\S+)/))[1];
  const sessions: Array<{ token: string; openid: string }> = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const r = await fetch(`${url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: APP_ID, code: `bench-${i}` }) });
    sessions.push((await r.json()) as { token: string; openid: string });
  }
  const s: Sessions = { body: (c) => reportBody(sessions[c].openid, 'bench', APP_ID), headers: (c) => ({ authorization: `Bearer ${sessions[c].token}` }) };
  return { relay, url, pid: relay.proc.pid!, sessions: s };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  const env = BENCH_ENV;
  const children: Child[] = [];
  let failed: boolean;
  try {
    const main = transpileRelay(join(dir, 'build'));
    const { child: fakes, urls, stats } = await startFakeSinks(env);
    children.push(fakes);
    const hello = child(['-e', HELLO]);
    children.push(hello);
    const helloUrl = (await hello.waitFor(/^READY (.*)$/))[1];
    const helloBody = () => reportBody('hello', 'bench', APP_ID);
    await load(helloUrl, '/', helloBody, () => ({}), WARMUP_MS, MAX_REQUESTS);
    const helloCpu = cpuMeter({ 'hello-world': hello.proc.pid! });
    const h1 = await load(helloUrl, '/', helloBody, () => ({}), DURATION_MS, MAX_REQUESTS);
    const h1Cpu = helloCpu();

    // The ceilings: the bare and the durable forwarder in front of a second hello-world, standing for both upstreams.
    const upstream = child(['-e', HELLO]);
    children.push(upstream);
    const upstreamUrl = (await upstream.waitFor(/^READY (.*)$/))[1];
    const forward = async (script: string) => {
      const forwarder = child(['-e', script]);
      children.push(forwarder);
      const forwarderUrl = (await forwarder.waitFor(/^READY (.*)$/))[1];
      await load(forwarderUrl, '/', helloBody, () => ({}), WARMUP_MS, MAX_REQUESTS);
      const meter = cpuMeter({ forwarder: forwarder.proc.pid!, upstream: upstream.proc.pid! });
      const result = await load(forwarderUrl, '/', helloBody, () => ({}), DURATION_MS, MAX_REQUESTS);
      const cpu = meter();
      await forwarder.stop();
      return { result, cpu };
    };
    const { result: rf, cpu: rfCpu } = await forward(FORWARDER(upstreamUrl));
    const { result: rd, cpu: rdCpu } = await forward(DURABLE_FORWARDER(upstreamUrl, join(dir, 'durable-forwarder.db')));
    await upstream.stop();

    // A: ingest alone (the game enables no sink): the durable ingest path and nothing else.
    const a = await startRelay(main, dir, 'ingest-only', {}, env, children);
    await load(a.url, '/v1/purchases', a.sessions.body, a.sessions.headers, WARMUP_MS, MAX_REQUESTS);
    const aCpu = cpuMeter({ relay: a.pid });
    const ra = await load(a.url, '/v1/purchases', a.sessions.body, a.sessions.headers, DURATION_MS, MAX_REQUESTS);
    const raCpu = aCpu();
    const peakA = procStatus(a.pid, 'VmHWM');
    const ingestA = await ingestSeconds(a.url);
    await a.relay.stop();

    // A': the same on an in-memory SQLite (no fsync, not durable): a diagnostic of what durability costs.
    const m = await startRelay(main, dir, 'in-memory', {}, env, children, { sqlite: ':memory:' });
    await load(m.url, '/v1/purchases', m.sessions.body, m.sessions.headers, WARMUP_MS, MAX_REQUESTS);
    const rm = await load(m.url, '/v1/purchases', m.sessions.body, m.sessions.headers, DURATION_MS, MAX_REQUESTS);
    await m.relay.stop();

    // B: ingest while the worker delivers every purchase to fake Tianmu, Hive and Kakao: on the ingest thread (what
    // `purchase-relay start` does), and in its own thread (PURCHASE_RELAY_DELIVERY_THREAD=1) for comparison.
    const delivering = async (name: string, extraEnv: Record<string, string>) => {
      const before = await stats();
      const b = await startRelay(
        main,
        dir,
        name,
        sinksAt(urls),
        { ...env, ...extraEnv },
        children,
      );
      const warm = await load(b.url, '/v1/purchases', b.sessions.body, b.sessions.headers, WARMUP_MS, MAX_REQUESTS);
      const atIngestStart = await stats();
      const ingestStart = Date.now();
      const meter = cpuMeter({ relay: b.pid, 'fake sinks': fakes.proc.pid! });
      const rb = await load(b.url, '/v1/purchases', b.sessions.body, b.sessions.headers, DURATION_MS, MAX_REQUESTS);
      const cpu = meter();
      const ingestEnd = Date.now();
      const expected = (warm.statuses.get('200:accepted') ?? 0) + (rb.statuses.get('200:accepted') ?? 0);
      const atIngestEnd = await stats();
      // Counts of this relay alone: the fakes live on across relays.
      const delta = (x: typeof before) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, { unique: v.unique - before[k].unique, duplicates: v.duplicates - before[k].duplicates, rejected: v.rejected - before[k].rejected }]));
      let s = delta(atIngestEnd);
      while (Object.values(s).some((v) => v.unique < expected) && Date.now() - ingestEnd < 180_000) {
        await new Promise((res) => setTimeout(res, 100));
        s = delta(await stats());
      }
      const drainedAt = Date.now();
      const peak = procStatus(b.pid, 'VmHWM');
      const ingest = await ingestSeconds(b.url);
      await b.relay.stop();
      return { rb, cpu, expected, atIngestStart: delta(atIngestStart), atIngestEnd: delta(atIngestEnd), s, ingestStart, ingestEnd, drainedAt, peak, ingest };
    };
    const inProcess = await delivering('delivering-in-process', {});
    const threaded = await delivering('delivering-thread', { PURCHASE_RELAY_DELIVERY_THREAD: '1' });
    const { rb, expected, atIngestEnd, s, ingestStart, ingestEnd, drainedAt } = threaded;
    const peakB = threaded.peak;
    const ingestB = threaded.ingest;

    await load(helloUrl, '/', helloBody, () => ({}), WARMUP_MS, MAX_REQUESTS);
    const h2 = await load(helloUrl, '/', helloBody, () => ({}), DURATION_MS, MAX_REQUESTS);

    // The faster of the two baseline runs, so a busy moment cannot flatter the ratio.
    const hRate = Math.max(h1.requests / h1.seconds, h2.requests / h2.seconds);
    const ingestWindow = (drainedAt - ingestStart) / 1000;
    console.log(`relay ingest: POST /v1/purchases, 1 report per request, SQLite synchronous=FULL, group commit`);
    console.log(`delivery.concurrencyPerSink: ${SINK_CONCURRENCY ?? 'the config default'}`);
    console.log(`load: ${CONNECTIONS} keep-alive connections, closed loop, ${DURATION_MS / 1000} s per run after ${WARMUP_MS / 1000} s warm-up; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    console.log(line('hello-world node:http (before)', h1));
    console.log(line('hello-world node:http (after)', h2));
    console.log(line('bare forwarder, 2 POSTs per report', rf));
    console.log(line('durable forwarder (SQLite + 2 POSTs)', rd));
    console.log(line('relay, ingest only', ra));
    console.log(line('relay, delivering on the same thread', inProcess.rb));
    console.log(line('relay, delivering in its own thread', rb));
    console.log(line('(diagnostic) in-memory SQLite', rm));
    console.log(`ratio relay / hello-world           : ${fmt(ra.requests / ra.seconds / hRate, 2)} ingest only, ${fmt(rb.requests / rb.seconds / hRate, 2)} while delivering (aim >= 0.35; ${fmt(inProcess.rb.requests / inProcess.rb.seconds / hRate, 2)} with delivery on the ingest thread); ${fmt(rm.requests / rm.seconds / hRate, 2)} without fsync`);
    const ceiling = rf.requests / rf.seconds / hRate;
    const durableCeiling = rd.requests / rd.seconds / hRate;
    console.log(`ceiling for any relay sending 2 POSTs per purchase: ${fmt(ceiling, 2)} of hello-world (the bare forwarder); the relay while delivering reaches ${fmt(rb.requests / rb.seconds / hRate / ceiling, 2)} of that ceiling, the aim 0.35 is ${fmt(0.35 / ceiling, 2)} of it`);
    console.log(`ceiling for a durable one (SQLite FULL, group commit, 2 POSTs): ${fmt(durableCeiling, 2)} of hello-world (the durable forwarder); the aim 0.35 is ${fmt(0.35 / durableCeiling, 2)} of it`);
    console.log(`RESULT ${JSON.stringify({ hello: hRate, ceiling, durableCeiling, ingestOnly: ra.requests / ra.seconds / hRate, delivering: rb.requests / rb.seconds / hRate, deliveringSameThread: inProcess.rb.requests / inProcess.rb.seconds / hRate, inMemory: rm.requests / rm.seconds / hRate, drainAfterS: (drainedAt - ingestEnd) / 1000, peakMb: [peakA, peakB, inProcess.peak] })}`);
    console.log(`mean storage.ingest (commit) time   : ${fmt(ingestA * 1000, 1)} ms ingest only, ${fmt(ingestB * 1000, 1)} ms while delivering (relay_ingest_duration_seconds)`);
    console.log(`relay peak RSS (VmHWM)              : ${fmt(peakA)} MB ingest only, ${fmt(peakB)} MB while delivering (limit 200 MB)`);
    console.log(`delivered when ingest stopped       : ${Object.entries(atIngestEnd).map(([k, v]) => `${k} ${v.unique}`).join(', ')} of ${expected}`);
    // The keep-up figure: deliveries per second while the measured ingest ran, against that ingest rate.
    type Run = typeof threaded;
    const drainRates = (x: Run) => Object.entries(x.atIngestEnd).map(([k, v]) => [k, (v.unique - x.atIngestStart[k].unique) / ((x.ingestEnd - x.ingestStart) / 1000)] as const);
    const drainLine = (x: Run) => {
      const rates = drainRates(x);
      const ingestRate = x.rb.requests / x.rb.seconds;
      const slowest = Math.min(...rates.map(([, r]) => r));
      return `${rates.map(([k, r]) => `${k} ${fmt(r)}/s`).join(', ')} (ingest ${fmt(ingestRate)}/s; ${fmt(slowest / ingestRate, 2)} of it for the slowest sink)`;
    };
    console.log(`drain during ingest                 : ${drainLine(threaded)}`);
    console.log(`drain during ingest, same thread   : ${drainLine(inProcess)}`);
    for (const [k, v] of Object.entries(s)) {
      console.log(
        `drain ${k.padEnd(30)}: ${fmt(v.unique)} of ${expected}, ${fmt(v.unique / ingestWindow)}/s from ingest start to last delivery ` +
          `(ingest ${fmt(rb.requests / rb.seconds)}/s), duplicates ${v.duplicates}, spec rejections ${v.rejected}`,
      );
    }
    // Where the two cores go: CPU per ingested request of every process in the measurement, and what the aim would
    // need. The fakes and the load generator are part of the bench, not of the relay, but they share its cores.
    console.log(`CPU ms per request, hello-world    : ${cpuLine(h1Cpu, h1.requests, h1.seconds)}`);
    console.log(`CPU ms per request, bare forwarder : ${cpuLine(rfCpu, rf.requests, rf.seconds)}`);
    console.log(`CPU ms per request, durable fwd.   : ${cpuLine(rdCpu, rd.requests, rd.seconds)}`);
    console.log(`CPU ms per request, ingest only    : ${cpuLine(raCpu, ra.requests, ra.seconds)}`);
    console.log(`CPU ms per request, same thread    : ${cpuLine(inProcess.cpu, inProcess.rb.requests, inProcess.rb.seconds)}`);
    console.log(`CPU ms per request, delivery thread: ${cpuLine(threaded.cpu, rb.requests, rb.seconds)}`);
    const perRequest = (cpu: Record<string, number>, n: number) => Object.values(cpu).reduce((x, y) => x + y, 0) / n;
    // A lower bound: at this rate delivery fell behind (the drain line), so keeping pace costs more still.
    const need = 0.35 * hRate * perRequest(threaded.cpu, rb.requests);
    console.log(
      `cores the aim (0.35 of hello-world = ${fmt(0.35 * hRate)}/s while delivering) needs at these costs: at least ${fmt(need, 1)} ` +
        `(the relay's share ${fmt((0.35 * hRate * threaded.cpu.relay) / rb.requests, 1)}); this machine has ${cpus().length}`,
    );
    const all = Object.values(s).every((v) => v.unique >= expected);
    console.log(`every delivery done ${fmt((drainedAt - ingestEnd) / 1000, 1)} s after ingest stopped (${all ? 'all delivered' : 'NOT all delivered'})`);
    const allBefore = Object.values(inProcess.s).every((v) => v.unique >= inProcess.expected);
    failed = rf.errors + rd.errors + ra.errors + rb.errors + rm.errors + inProcess.rb.errors > 0 || !all || !allBefore || [...Object.values(s), ...Object.values(inProcess.s)].some((v) => v.rejected > 0);
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
