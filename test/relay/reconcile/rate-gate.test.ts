import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { RateGate, rateGateKey } from '../../../src/relay/reconcile/rate-gate';
import { FakeClock } from './helpers/fake-clock';
import { tempDb } from './helpers/relay-store';

const INTERVAL = 600_000;
const KEY = 'gk_secret_app_key';

describe('Gravity rate gate', () => {
  const db = tempDb();
  afterAll(() => db.cleanup());

  it('keys the store by a hash of the app key, never the key itself', () => {
    expect(rateGateKey(KEY)).toMatch(/^gravity:app-key:[0-9a-f]{32}$/);
    expect(rateGateKey(KEY)).not.toContain(KEY);
    expect(rateGateKey(KEY)).toBe(rateGateKey(KEY));
    expect(rateGateKey(KEY)).not.toBe(rateGateKey(`${KEY}x`));
  });

  it('never lets two calls through inside the interval, across two store handles on one file', async () => {
    const clock = new FakeClock(1_000_000_000_000);
    const granted: number[] = [];
    // Record the instant each reservation was granted at, as the store saw it.
    const recording = async () => {
      const store = await db.open();
      const reserveCall = store.reserveCall.bind(store);
      store.reserveCall = async (key, min, now) => {
        const r = await reserveCall(key, min, now);
        if (r.ok) granted.push(now);
        return r;
      };
      return store;
    };
    const a = new RateGate({ store: await recording(), appKey: KEY, minIntervalMs: INTERVAL, clock });
    const b = new RateGate({ store: await recording(), appKey: KEY, minIntervalMs: INTERVAL, clock });
    const waits: number[] = [];
    // Two "processes" each wanting three calls, racing on one clock.
    const run = async (g: RateGate) => {
      for (let i = 0; i < 3; i++) await g.acquire((w) => waits.push(w.waitMs));
    };
    await Promise.all([run(a), run(b)]);
    granted.sort((x, y) => x - y);
    expect(granted).toHaveLength(6);
    for (let i = 1; i < granted.length; i++) expect(granted[i] - granted[i - 1]).toBeGreaterThanOrEqual(INTERVAL);
    expect(granted[5] - granted[0]).toBe(5 * INTERVAL); // and no slot is wasted
    expect(waits.length).toBeGreaterThanOrEqual(5);
  });

  it('survives a restart: a new gate on the same file waits out the interval the old one started', async () => {
    const clock = new FakeClock(2_000_000_000_000);
    const first = new RateGate({ store: await db.open(), appKey: 'restart-key', minIntervalMs: INTERVAL, clock });
    await first.acquire();
    clock.t += 123_000;
    // "Restart": a new storage handle and a new gate.
    const second = new RateGate({ store: await db.open(), appKey: 'restart-key', minIntervalMs: INTERVAL, clock });
    const waits: number[] = [];
    await second.acquire((w) => waits.push(w.waitMs));
    expect(waits).toEqual([INTERVAL - 123_000]);
    expect(clock.now()).toBe(2_000_000_000_000 + INTERVAL);
  });

  it('shares one gate between apps bound to the same key, and not with other keys', async () => {
    const clock = new FakeClock(3_000_000_000_000);
    const store = await db.open();
    await new RateGate({ store, appKey: 'shared', minIntervalMs: INTERVAL, clock }).acquire();
    const other = new RateGate({ store, appKey: 'different', minIntervalMs: INTERVAL, clock });
    const w1: number[] = [];
    await other.acquire((w) => w1.push(w.waitMs));
    expect(w1).toEqual([]);
    const w2: number[] = [];
    await new RateGate({ store, appKey: 'shared', minIntervalMs: INTERVAL, clock }).acquire((w) => w2.push(w.waitMs));
    expect(w2).toEqual([INTERVAL]);
  });

  it('holds against a real second process on the same database', async () => {
    const store = await db.open();
    const t0 = 4_000_000_000_000;
    const gate = new RateGate({ store, appKey: 'two-process', minIntervalMs: INTERVAL, clock: new FakeClock(t0) });
    await gate.acquire(); // this process calls at t0
    const child = join(__dirname, 'helpers/gate-child.ts');
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', child, db.file, 'two-process', String(INTERVAL), String(t0 + 1000), String(t0 + INTERVAL), String(t0 + INTERVAL + 1)], {
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../../tsconfig.json') },
    });
    expect(out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { now: t0 + 1000, ok: false, waitMs: INTERVAL - 1000 },
      { now: t0 + INTERVAL, ok: true },
      { now: t0 + INTERVAL + 1, ok: false, waitMs: INTERVAL - 1 },
    ]);
    // And the child's call now holds this process back too.
    expect(await store.reserveCall(rateGateKey('two-process'), INTERVAL, t0 + INTERVAL + 5)).toEqual({ ok: false, waitMs: INTERVAL - 5 });
  });

  it('stops waiting when aborted, without taking the slot', async () => {
    const clock = new FakeClock(5_000_000_000_000);
    const store = await db.open();
    await new RateGate({ store, appKey: 'abort', minIntervalMs: INTERVAL, clock }).acquire();
    const ac = new AbortController();
    const gate = new RateGate({ store, appKey: 'abort', minIntervalMs: INTERVAL, clock });
    await expect(gate.acquire(() => ac.abort(new Error('stopped')), ac.signal)).rejects.toThrow('stopped');
    expect(await store.reserveCall(rateGateKey('abort'), INTERVAL, 5_000_000_000_000 + 1)).toEqual({ ok: false, waitMs: INTERVAL - 1 });
  });
});
