/** What the relay benches share: the relay compiled as published, child processes, their memory. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import * as ts from 'typescript';

export const ROOT = resolve(__dirname, '../..');

/**
 * The relay runs as a published package does: compiled JavaScript, not through ts-node (whose in-memory TypeScript
 * compiler alone would add ~100 MB to the RSS we measure). Transpiles `src/relay` and `src/shared` into `outDir`.
 */
export function transpileRelay(outDir: string): string {
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(ROOT, 'src', rel), { withFileTypes: true })) {
      const from = join(ROOT, 'src', rel, entry.name);
      const to = join(outDir, rel, entry.name);
      if (entry.isDirectory()) walk(join(rel, entry.name));
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        mkdirSync(join(outDir, rel), { recursive: true });
        const out = ts.transpileModule(readFileSync(from, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
        });
        writeFileSync(to.replace(/\.ts$/, '.js'), out.outputText);
      } else if (entry.name.endsWith('.json')) {
        mkdirSync(join(outDir, rel), { recursive: true });
        copyFileSync(from, to);
      }
    }
  };
  walk('relay');
  walk('shared');
  return join(outDir, 'relay/cli/main.js');
}

export interface Child {
  proc: ChildProcess;
  /** Resolves with the first stdout line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  send(line: string): void;
  stop(): Promise<void>;
}

export function child(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  createInterface({ input: proc.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      const m = w.pattern.exec(line);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  return {
    proc,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`timed out waiting for ${pattern}`)), timeoutMs);
        waiters.push({ pattern, resolve: (m) => (clearTimeout(timer), res(m)) });
      });
    },
    send: (line) => void proc.stdin.write(line + '\n'),
    stop: () =>
      new Promise((res) => {
        if (proc.exitCode !== null) return res();
        proc.once('exit', () => res());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** A figure of `/proc/<pid>/status`, in MB. */
export function procStatus(pid: number, key: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

let clockTicks: number | undefined;
/** Fields of `/proc/<pid>/stat` after `comm`: [state, ppid, ...]; index 11/12 are utime/stime, 13/14 cutime/cstime. */
function procStatFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
}

/**
 * CPU seconds a process has used (`utime + stime` of `/proc/<pid>/stat`, every thread), plus, with `reaped`, those of
 * its children that exited and were waited for (`cutime + cstime`). 0 for a process that is gone.
 */
export function procCpuSeconds(pid: number, reaped = false): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const f = procStatFields(pid);
  if (!f) return 0;
  const ticks = Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
  return ticks / clockTicks;
}

/** The pids whose parent is `ppid` (a scan of /proc). */
export function childPids(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = procStatFields(Number(name));
    if (f && Number(f[1]) === ppid) out.push(Number(name));
  }
  return out;
}

/** The parent pid of `pid`. */
export function parentPid(pid: number): number {
  const f = procStatFields(pid);
  if (!f) throw new Error(`no process ${pid}`);
  return Number(f[1]);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

let seq = 0;
/** One `POST /v1/purchases` body of one ordinary report of `openid`, with a fresh order id (`<prefix><pid>x<n>`). */
export function reportBody(openid: string, prefix: string, appId: string): string {
  seq++;
  return JSON.stringify({
    reports: [
      {
        orderId: `${prefix}${process.pid}x${seq}`,
        appId,
        uid: openid,
        productId: '500.picsh.cre',
        goodsName: '500 diamonds',
        amount: 999,
        currency: 'CNY',
        payType: 2,
        paidAt: Date.now(),
        playerId: openid,
        country: 'CN',
        device: { type: 3, brand: 'OPPO', model: 'OPPO A57', os: 'android', osVersion: '10' },
        netType: '4g',
        scene: '1047',
        sdkVersion: '0.1.0',
      },
    ],
  });
}

/** One backend the load generator talks to. */
export interface Target {
  url: string;
  path: string;
  body(conn: number): string;
  headers(conn: number): Record<string, string>;
}

export interface LoadResult {
  requests: number;
  accepted: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
  statuses: Map<string, number>;
  /** CPU seconds of this (the load generator's) process during the run. */
  loadCpu: number;
}

/** Closed loop: `connections` keep-alive sockets, connection c pinned to target c mod n, next request on each answer. */
export async function closedLoop(targets: Target[], connections: number, durationMs: number, maxRequests: number): Promise<LoadResult> {
  const perTarget = Math.ceil(connections / targets.length);
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: perTarget }));
  const latenciesMs: number[] = [];
  const statuses = new Map<string, number>();
  let sent = 0;
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = Date.now() + durationMs;
  const one = (conn: number) =>
    new Promise<void>((res) => {
      const t = targets[conn % targets.length];
      const u = new URL(t.url);
      const payload = t.body(conn);
      const t0 = process.hrtime.bigint();
      const req = http.request(
        { agent: agents[conn % targets.length], host: u.hostname, port: u.port, path: t.path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...t.headers(conn) } },
        (resp) => {
          const chunks: Buffer[] = [];
          resp.on('data', (c: Buffer) => chunks.push(c));
          resp.on('end', () => {
            latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
            let key = String(resp.statusCode);
            if (resp.statusCode === 200 && t.path === '/v1/purchases') key += ':' + (JSON.parse(Buffer.concat(chunks).toString()) as { results: Array<{ status: string }> }).results[0].status;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            if (resp.statusCode !== 200) errors++;
            res();
          });
        },
      );
      req.on('error', () => {
        errors++;
        res();
      });
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: connections }, async (_, conn) => {
      while (Date.now() < deadline && sent < maxRequests) {
        sent++;
        await one(conn);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  agents.forEach((a) => a.destroy());
  return { requests: latenciesMs.length, accepted: statuses.get('200:accepted') ?? 0, errors, seconds, latenciesMs, statuses, loadCpu: (cpu.user + cpu.system) / 1e6 };
}

export type FakeSinkName = 'tianmu' | 'hive' | 'kakao';
export type FakeSinkStats = Record<string, { unique: number; duplicates: number; rejected: number }>;

/** The fake upstreams in their own process, so they share no event loop with the load generator or the relay. */
const FAKE_SINKS = `
const { FakeTianmu } = require(${JSON.stringify(join(ROOT, 'test/fakes/upstreams/fake-tianmu'))});
const { FakeHive } = require(${JSON.stringify(join(ROOT, 'test/fakes/upstreams/fake-hive'))});
const { FakeKakao } = require(${JSON.stringify(join(ROOT, 'test/fakes/upstreams/fake-kakao'))});
const fakes = { tianmu: new FakeTianmu(), hive: new FakeHive(), kakao: new FakeKakao({ appId: '103815', appSecret: process.env.BENCH_KAKAO_SECRET, adminKey: process.env.BENCH_KAKAO_ADMIN }) };
(async () => {
  const urls = {};
  for (const [k, f] of Object.entries(fakes)) urls[k] = (await f.start()).url;
  console.log('READY ' + JSON.stringify(urls));
  require('readline').createInterface({ input: process.stdin }).on('line', () => {
    const out = {};
    for (const [k, f] of Object.entries(fakes)) out[k] = { unique: f.uniqueIds().size, duplicates: f.duplicateCount(), rejected: f.rejected.length };
    console.log('STATS ' + JSON.stringify(out));
  });
})();`;

/**
 * Fake Tianmu, Hive and Kakao (the tests' own, checking every request against the spec) in a child process;
 * `stats()` counts what each received so far: distinct order ids, resends, spec rejections.
 */
export async function startFakeSinks(env: Record<string, string>) {
  const fakes = child(['-r', 'ts-node/register/transpile-only', '-e', FAKE_SINKS], { ...env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') });
  const urls = JSON.parse((await fakes.waitFor(/^READY (.*)$/))[1]) as Record<FakeSinkName, string>;
  const stats = async (): Promise<FakeSinkStats> => {
    const p = fakes.waitFor(/^STATS (.*)$/);
    fakes.send('stats');
    return JSON.parse((await p)[1]) as FakeSinkStats;
  };
  return { child: fakes, urls, stats };
}
