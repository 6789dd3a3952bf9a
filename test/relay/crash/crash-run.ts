import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PurchaseReport } from '../../../src/shared/schemas/purchase-report';
import { FakeHive } from '../../fakes/upstreams/fake-hive';
import { FakeKakao } from '../../fakes/upstreams/fake-kakao';
import { seededRandom, type FailureMode } from '../../fakes/upstreams/fake-server';
import { FakeTianmu } from '../../fakes/upstreams/fake-tianmu';

/**
 * The relay as a child process (`bin/purchase-relay.js start`), SIGKILLed five times at random moments while 2,000
 * purchases are posted and 30% of upstream calls fail; a new process on the same database takes over each time
 * (started ahead as a standby, see `RelaySupervisor`). Afterwards every purchase the relay acknowledged reached
 * every sink, and each sink saw at most one duplicate per kill.
 *
 * Why one request at a time per sink (`concurrencyPerSink: 1`, Hive `batchSize: 1`) here: a kill between an
 * upstream's success and our commit duplicates whatever was in flight, so "duplicates <= kills" holds exactly when
 * at most one row per sink is in flight. With more in flight the guarantee is the same (at least once, duplicates
 * only from a crash) but the bound is kills x in-flight rows.
 *
 * The injected failures are those an upstream answers without having processed the request (500, 429, a closed
 * socket, a garbage body): an answer lost *after* processing is a duplicate by design and is covered by the
 * worker tests. Hangs are covered there too; here they would only add timeouts to the run time. The timeout is
 * generous (4 s) for the same reason: a processed request that times out on a busy machine would be resent, a
 * duplicate no kill caused.
 */

const ROOT = join(__dirname, '..', '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const APP_ID = 'wx1234567891234567';
const PURCHASES = 2000;
const KILLS = 5;
const USERS = 20;
const BATCH = 10;
const POSTERS = 8;
const POST_PACE_MS = 400;
const FAILURE_MODES: FailureMode[] = ['500', '429', 'close', 'garbage'];
const ENV = {
  RELAY_SESSION_SECRET: 'crash-test-session-secret-0123456789',
  KAKAO_APP_SECRET: 'crash-test-kakao-app-secret',
  KAKAO_ADMIN_KEY: 'crash-test-kakao-admin-key',
};

/** One `purchase-relay start` child process. */
class RelayChild {
  readonly listening: Promise<string>;
  private readonly child: ChildProcess;

  constructor(configFile: string, extraEnv: Record<string, string>, onOutput: (text: string) => void) {
    this.child = spawn(process.execPath, [join(ROOT, 'bin', 'purchase-relay.js'), 'start', '--config', configFile], {
      cwd: ROOT,
      env: { ...process.env, ...ENV, ...extraEnv, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = this.child;
    this.listening = new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        onOutput(d.toString());
        const m = /purchase-relay listening on (http:\/\/\S+)/.exec(buf);
        if (m) resolve(m[1]);
      });
      child.stderr!.on('data', (d: Buffer) => onOutput(d.toString()));
      child.on('exit', (code, signal) => reject(new Error(`relay exited before listening: ${code ?? signal}`)));
    });
    // A child killed later rejects nothing anyone waits for.
    this.listening.catch(() => undefined);
  }

  kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

/**
 * The relay under test: one child serves the posters; a standby child is started on the same database ahead
 * of each kill, so the load time of a restart (ts-node, seconds on a busy machine) overlaps the run instead of
 * adding to it. A kill SIGKILLs the serving child; the standby takes over (the posters wait if it is still
 * loading) and the next standby starts. Each kill can only leave the killed child's in-flight requests ambiguous:
 * the standby's worker holds its own leases.
 */
class RelaySupervisor {
  starts = 0;
  output = '';
  private serving: RelayChild | undefined;
  private standby: RelayChild | undefined;
  private readonly all: RelayChild[] = [];

  constructor(
    private readonly configFile: string,
    private readonly extraEnv: Record<string, string>,
  ) {}

  private spawn(): RelayChild {
    this.starts++;
    const child = new RelayChild(this.configFile, this.extraEnv, (t) => (this.output = (this.output + t).slice(-20_000)));
    this.all.push(child);
    return child;
  }

  start(): Promise<string> {
    this.serving = this.spawn();
    return this.serving.listening;
  }

  startStandby(): void {
    this.standby ??= this.spawn();
  }

  /** The URL of the child serving now (waits while a promoted standby is still loading). */
  async current(): Promise<string> {
    for (;;) {
      const child = this.serving;
      if (!child) throw new Error('relay not started');
      try {
        return await child.listening;
      } catch (err) {
        if (this.serving === child) throw err;
      }
    }
  }

  /** SIGKILLs the serving child and promotes the standby (or starts a fresh child when there is none). */
  async kill(): Promise<void> {
    const old = this.serving!;
    this.serving = this.standby ?? this.spawn();
    this.standby = undefined;
    await old.kill('SIGKILL');
  }

  /** Stops every child still running (the serving one with `signal`). */
  async stop(signal: NodeJS.Signals): Promise<void> {
    await Promise.all(this.all.map((c) => c.kill(c === this.serving ? signal : 'SIGKILL')));
  }
}

function report(i: number, uid: string): PurchaseReport {
  return {
    orderId: `crash-${String(i).padStart(5, '0')}`,
    appId: APP_ID,
    uid,
    productId: '500.picsh.cre',
    goodsName: '500 diamonds',
    amount: 600 + (i % 7) * 100,
    currency: 'CNY',
    payType: 2,
    paidAt: Date.now(),
    device: { type: 3, brand: 'OPPO', model: 'OPPO A57', os: 'android', osVersion: '10' },
    netType: 'wifi',
    scene: '1047',
    sdkVersion: '0.1.0',
  };
}

async function post(url: string, path: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {  
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}


/** What the crash test needs of the database under the relays: its config, and counts read as an operator would. */
export interface CrashStorage {
  /** `storage` of the relay config. */
  config(dir: string): Promise<object>;
  /** Deliveries not yet delivered. */
  undelivered(): Promise<number>;
  /** Delivery rows by sink and status, ordered by sink. */
  byStatus(): Promise<Array<{ sink: string; status: string; n: number }>>;
  purchases(): Promise<number>;
  close(): Promise<void>;
}

/** Both shapes of delivery: the worker on the ingest thread (the default), and in its own thread, whose claims and
 * results cross to the main thread (a kill takes both threads). */
export const DELIVERY_SHAPES: Array<[string, Record<string, string>]> = [
  ['delivery on the ingest thread', {}],
  ['delivery in its own thread', { PURCHASE_RELAY_DELIVERY_THREAD: '1' }],
];

/** Declares the crash test over `storage` with the delivery shape of `extraEnv` (call inside a describe). */
export function crashTest(mode: string, extraEnv: Record<string, string>, storage: () => CrashStorage): void {
  let dir: string;
  let relay: RelaySupervisor | undefined;
  const tianmu = new FakeTianmu();
  const hive = new FakeHive({ appId: 'com.example.game' });
  const kakao = new FakeKakao({ appId: '103815', appSecret: ENV.KAKAO_APP_SECRET, adminKey: ENV.KAKAO_ADMIN_KEY });

  afterAll(async () => {
    await relay?.stop('SIGKILL');
    await Promise.all([tianmu.close(), hive.close(), kakao.close()]);
    await storage().close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged purchase and duplicates at most one per kill per sink, through five SIGKILLs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-crash-'));
    const [tu, hu, ku] = await Promise.all([tianmu.start(), hive.start(), kakao.start()]);
    tianmu.failRandomly({ rate: 0.3, modes: FAILURE_MODES, seed: 11 });
    hive.failRandomly({ rate: 0.3, modes: FAILURE_MODES, seed: 12 });
    kakao.failRandomly({ rate: 0.3, modes: FAILURE_MODES, seed: 13 });
    const configFile = join(dir, 'relay.json');
    const storageConfig = await storage().config(dir);
    writeFileSync(
      configFile,
      JSON.stringify({
        host: '127.0.0.1',
        port: 0,
        storage: storageConfig,
        session: { mode: 'sandbox', secret: 'env:RELAY_SESSION_SECRET' },
        // Sandbox logins against fake upstreams: allowed on purpose.
        allowSandboxRevenue: true,
        limits: { perIpPerMinute: 1_000_000, perOpenidPerMinute: 1_000_000, reportsPerPlayerPerMinute: 1_000_000, reportsPerPlayerPerDay: 1_000_000, reportsPerGamePerMinute: 1_000_000 },
        delivery: {
          maxAttempts: 10_000, maxAgeSeconds: 86_400, baseDelayMs: 10, maxDelayMs: 100,
          leaseMs: 5000, concurrencyPerSink: 1, pollIntervalMs: 10,
        },
        games: [
          {
            appId: APP_ID,
            sinks: {
              tianmu: { url: tu.url, timeoutMs: 4000 },
              hive: {
                url: hu.url, timeoutMs: 4000, batchSize: 1,
                appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, channel: 'C2S', market: 'TC', serverId: 'CN',
              },
              kakao: { url: ku.url, timeoutMs: 4000, appId: '103815', appSecret: 'env:KAKAO_APP_SECRET', adminKey: 'env:KAKAO_ADMIN_KEY', defaultCountry: 'kr' },
            },
          },
        ],
      }),
    );

    const t0 = Date.now();
    relay = new RelaySupervisor(configFile, extraEnv);
    const r = relay;
    await r.start();

    // Sessions survive restarts: the token is a JWT over the same secret.
    const users = await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        const s = await post(await r.current(), '/v1/session', { appId: APP_ID, code: `crash-user-${u}` });
        expect(s.status).toBe(200);
        return { token: s.json.token as string, openid: s.json.openid as string };
      }),
    );
    const batches: Array<{ token: string; reports: PurchaseReport[] }> = [];
    for (let b = 0; b < PURCHASES / BATCH; b++) {
      const user = users[b % USERS];
      batches.push({ token: user.token, reports: Array.from({ length: BATCH }, (_, k) => report(b * BATCH + k, user.openid)) });
    }

    // The poster: like the client queue, a batch is resent (same order ids) until the relay answers it.
    const statuses = new Map<string, string>();
    let acked = 0;
    let resends = 0;
    let next = 0;
    const poster = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        for (;;) {
          try {
            const res = await post(await r.current(), '/v1/purchases', { reports: batch.reports }, batch.token);
            if (res.status === 200) {
              for (const x of res.json.results as Array<{ orderId: string; status: string }>) statuses.set(x.orderId, x.status);
              acked += batch.reports.length;
              break;
            }
          } catch {
            // killed mid-request: no answer, so nothing is known; resend
          }
          resends++;
          await sleep(20);
        }
        // Paced like a few busy players, so the kills land across the posting rather than after it.
        await sleep(POST_PACE_MS);
      }
    };
    const posting = Promise.all(Array.from({ length: POSTERS }, poster));

    // Five SIGKILLs at seeded random moments of the posting (by acknowledged count, plus a random delay).
    const rand = seededRandom(2024);
    const thresholds = Array.from({ length: KILLS }, () => Math.floor(100 + rand() * (PURCHASES - 300))).sort((a, b) => a - b);
    r.startStandby();
    for (const [k, threshold] of thresholds.entries()) {
      while (acked < threshold) await sleep(5);
      await sleep(Math.floor(rand() * 40));
      await r.kill();
      if (k < KILLS - 1) r.startStandby();
    }
    await posting;
    const tPosted = Date.now();
    expect(r.starts).toBe(KILLS + 1);

    const all = [...statuses.entries()];
    expect(all).toHaveLength(PURCHASES);
    expect(all.filter(([, s]) => s !== 'accepted' && s !== 'duplicate')).toEqual([]);
    const ids = all.map(([id]) => id).sort();

    // Drain: wait until the database holds nothing undelivered (read through a connection of its own, as an operator would).
    const until = Date.now() + 120_000;
    while ((await storage().undelivered()) > 0) {
      if (Date.now() > until) throw new Error(`not drained: ${await storage().undelivered()} rows left\n${r.output}`);
      await sleep(100);
    }
    expect(await storage().byStatus()).toEqual(['hive', 'kakao', 'tianmu'].map((sink) => ({ sink, status: 'delivered', n: PURCHASES })));
    expect(await storage().purchases()).toBe(PURCHASES);

    const tDrained = Date.now();
    // Every acknowledged purchase reached every sink.
    expect([...tianmu.uniqueIds()].sort()).toEqual(ids);
    expect([...new Set(hive.transactionIds())].sort()).toEqual(ids);
    expect([...kakao.uniqueIds()].sort()).toEqual(ids);
    // The requests were well-formed, and the failures really were injected.
    expect([tianmu.rejected, hive.rejected, kakao.rejected]).toEqual([[], [], []]);
    for (const fake of [tianmu, hive, kakao]) {
      const injected = Object.values(fake.failures).reduce((a, b) => a + (b ?? 0), 0);
      expect(injected).toBeGreaterThan(PURCHASES * 0.3);
    }
    // Duplicates only from the kills: at most one row per sink was in flight at each.
    const duplicates = { tianmu: tianmu.duplicateCount(), hive: hive.duplicateCount(), kakao: kakao.duplicateCount() };
    expect(duplicates.tianmu).toBeLessThanOrEqual(KILLS);
    expect(duplicates.hive).toBeLessThanOrEqual(KILLS);
    expect(duplicates.kakao).toBeLessThanOrEqual(KILLS);
    // Visible in the test output: how hard the run was.
    process.stdout.write(
      `crash test (${mode}): ${KILLS} kills, ${resends} batch resends, duplicates ${JSON.stringify(duplicates)}, ` +
        `injected failures ${JSON.stringify([tianmu.failures, hive.failures, kakao.failures])}, ` +
        `posted in ${tPosted - t0} ms, drained ${tDrained - tPosted} ms later\n`,
    );

    // A clean stop after all that.
    await r.stop('SIGTERM');
  }, 240_000);
}
