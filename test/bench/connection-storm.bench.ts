/**
 * `npm run bench -- connection-storm`: the relay (compiled, its own process, default `limits`) under a storm of idle
 * sockets from 127.0.0.2, every socket it closes opened again at once, while a player on 127.0.0.1 logs in and
 * reports. Prints the relay's peak RSS (fails over 200 MB) and the player's login + report latency during the storm
 * against the same measured just before it, in this run.
 *
 * Knobs (env): BENCH_STORM (idle sockets, default 5000, lowered to fit `ulimit -n`), BENCH_ROUNDS (player rounds per
 * phase, default 40), BENCH_STORM_MS (how long each storm lasts before the player starts, default 3000). Two storms: the idle sockets
 * alone, then the same with each socket the relay closes opened again at once (a connection flood).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { child, procStatus, transpileRelay, type Child } from './relay-bench-kit';
import { BENCH_APP_ID, BENCH_ENV, stormConfig } from './bench-configs';

const ROOT = resolve(__dirname, '../..');
const APP_ID = BENCH_APP_ID;
const ATTACKER = '127.0.0.2';
const FD_LIMIT = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()) || 1024;
const STORM = Math.min(Number(process.env.BENCH_STORM ?? 5000), FD_LIMIT - 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const STORM_MS = Number(process.env.BENCH_STORM_MS ?? 3000);
const RSS_BUDGET_MB = 200;

/** Opens `target` idle sockets from `ATTACKER`; with `reopen`, each one the relay closes is replaced at once. */
function storm(url: string, target: number, reopen: boolean) {
  const { hostname, port } = new URL(url);
  const open = new Set<Socket>();
  /** Connected and not closed yet: what the relay holds. */
  let held = 0;
  let stopped = false;
  let opened = 0;
  let refused = 0;
  const one = () => {
    if (stopped) return;
    opened++;
    const s = connect({ host: hostname, port: Number(port), localAddress: ATTACKER });
    open.add(s);
    s.on('error', () => undefined);
    let connected = false;
    s.once('connect', () => {
      connected = true;
      held++;
    });
    s.once('close', () => {
      if (connected) held--;
      open.delete(s);
      refused++;
      // Replaced on the next turn, so a storm of refusals cannot starve this process's own event loop.
      if (!stopped && reopen) setImmediate(one);
    });
  };
  for (let i = 0; i < target; i++) one();
  return {
    get held() {
      return held;
    },
    get opened() {
      return opened;
    },
    get refused() {
      return refused;
    },
    stop() {
      stopped = true;
      for (const s of open) s.destroy();
    },
  };
}

async function post(url: string, path: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {  
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

let seq = 0;
/** One player round: a fresh login, then one report. Milliseconds, or NaN when an answer was not a success. */
async function playerRound(url: string): Promise<number> {
  const started = process.hrtime.bigint();
  seq++;
  const s = await post(url, '/v1/session', { appId: APP_ID, code: `storm-player-${seq}` });
  if (s.status !== 200) return NaN;
  const r = await post(url, '/v1/purchases', {
    reports: [{ orderId: `storm${Date.now().toString(36)}${seq}`, appId: APP_ID, uid: s.json.openid, productId: '500.picsh.cre', amount: 999, currency: 'CNY', payType: 2, paidAt: Date.now(), device: { type: 3 }, sdkVersion: '0.1.0' }],
  }, s.json.token);
  if (r.status !== 200 || r.json.results?.[0]?.status !== 'accepted') return NaN;
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function rounds(url: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await playerRound(url));
  return out;
}

const percentile = (values: number[], p: number) => {
  const ok = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return ok.length ? ok[Math.min(ok.length - 1, Math.floor((p / 100) * ok.length))] : NaN;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-storm-'));
  const children: Child[] = [];
  let failed = false;
  let attack: ReturnType<typeof storm> | undefined;
  try {
    const main = transpileRelay(join(dir, 'build'));
    const configFile = join(dir, 'relay.json');
    writeFileSync(configFile, JSON.stringify(stormConfig(join(dir, 'relay.db'), join(dir, 'captured'))));
    const relay = child([main, 'start', '--config', configFile], { ...BENCH_ENV, LOG_LEVEL: 'warn', NODE_PATH: join(ROOT, 'node_modules') });
    children.push(relay);
    const url = (await relay.waitFor(/purchase-relay listening on (\S+)/))[1];
    const pid = relay.proc.pid!;

    await rounds(url, 10); // warm-up
    const before = await rounds(url, ROUNDS);
    const rssBefore = procStatus(pid, 'VmHWM');

    const phase = async (reopen: boolean) => {
      attack = storm(url, STORM, reopen);
      await new Promise((r) => setTimeout(r, STORM_MS));
      const relayFds = readdirSync(`/proc/${pid}/fd`).length;
      const latencies = await rounds(url, ROUNDS);
      const opened = attack.opened;
      attack.stop();
      await new Promise((r) => setTimeout(r, 500));
      return { latencies, relayFds, opened };
    };
    const idle = await phase(false);
    const flood = await phase(true);
    const peak = procStatus(pid, 'VmHWM');
    const med = (v: number[]) => percentile(v, 50);
    const p95 = (v: number[]) => percentile(v, 95);
    const all = [before, idle.latencies, flood.latencies];
    const failures = all.reduce((n, v) => n + v.filter(Number.isNaN).length, 0);
    const row = (label: string, v: number[]) =>
      `    ${label.padEnd(40)} median ${med(v).toFixed(1).padStart(6)} ms (×${(med(v) / med(before)).toFixed(2)})  p95 ${p95(v).toFixed(1).padStart(6)} ms (×${(p95(v) / p95(before)).toFixed(2)})`;
    console.log(`connection storm: ${STORM} idle sockets from ${ATTACKER} against the relay at default limits (perIpConnections 256); ulimit -n ${FD_LIMIT}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    console.log(`  relay descriptors during the storm: ${idle.relayFds} (idle sockets), ${flood.relayFds} (reopened at once: ${flood.opened} sockets opened)`);
    console.log(`  player on 127.0.0.1, login + report, ${ROUNDS} rounds each (ratios against the first row):`);
    console.log(row('without the storm', before));
    console.log(row(`${STORM} idle sockets held`, idle.latencies));
    console.log(row(`${STORM} sockets, each closed one reopened`, flood.latencies));
    console.log(`  relay peak RSS: ${rssBefore.toFixed(0)} MB before the storms, ${peak.toFixed(0)} MB after (budget ${RSS_BUDGET_MB} MB)`);
    if (failures > 0) {
      console.log(`FAIL: ${failures} player rounds failed`);
      failed = true;
    }
    if (!(peak < RSS_BUDGET_MB)) {
      console.log(`FAIL: peak RSS ${peak.toFixed(0)} MB is over ${RSS_BUDGET_MB} MB`);
      failed = true;
    }
  } finally {
    attack?.stop();
    for (const c of children) await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

void main();
