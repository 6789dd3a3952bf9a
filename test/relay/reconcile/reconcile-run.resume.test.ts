import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runReconcile, type ReconcileOutcome } from '../../../src/relay/reconcile/reconcile-run';
import { FakeGravity } from '../../fakes/gravity/fake-gravity';
import { FakeClock } from './helpers/fake-clock';
import { EXPECTED_COUNTS, FROM_DAY, TO_DAY, generate } from './helpers/gravity-dataset';
import { RELAY_APP, seedPurchases, tempDb } from './helpers/relay-store';

const APP_KEY = 'gk_resume_key';
const GRAVITY_APP_ID = 424242;
const data = generate();

async function setup(intervalMs: number, clock?: FakeClock) {
  const fake = await new FakeGravity({ apps: [{ appId: GRAVITY_APP_ID, appKey: APP_KEY, orders: data.gravity }], minCallIntervalMs: intervalMs, now: clock?.now }).start();
  const db = tempDb();
  await seedPurchases(await db.open(), data.relay);
  return { fake, db, done: async () => { await fake.close(); await db.cleanup(); } };
}

describe('a killed reconciliation resumes at the next page', () => {
  let baseline: ReconcileOutcome;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  beforeAll(async () => {
    const clock = new FakeClock(Date.UTC(2025, 2, 3));
    const env = await setup(600_000, clock);
    cleanups.push(env.done);
    baseline = await runReconcile({
      appId: RELAY_APP, gravity: { url: env.fake.url, appId: GRAVITY_APP_ID, appKey: APP_KEY, minCallIntervalSeconds: 600 },
      store: await env.db.open(), fromDay: FROM_DAY, toDay: TO_DAY, clock,
    });
    expect(baseline.report.counts).toEqual(EXPECTED_COUNTS);
  });

  it('after an abort at page 2, a new run (new storage handle) continues at page 3, waits the interval, and reports the same', async () => {
    const clock = new FakeClock(Date.UTC(2025, 2, 3));
    const env = await setup(600_000, clock);
    cleanups.push(env.done);
    const gravity = { url: env.fake.url, appId: GRAVITY_APP_ID, appKey: APP_KEY, minCallIntervalSeconds: 600 };
    const ac = new AbortController();
    await expect(
      runReconcile({
        appId: RELAY_APP, gravity, store: await env.db.open(), fromDay: FROM_DAY, toDay: TO_DAY, clock, signal: ac.signal,
        onProgress: (p) => p.type === 'page' && p.page === 2 && ac.abort(new Error('killed')),
      }),
    ).rejects.toThrow('killed');
    expect(env.fake.served().map((c) => c.page)).toEqual([1, 2]);

    const texts: string[] = [];
    const resumed = await runReconcile({ appId: RELAY_APP, gravity, store: await env.db.open(), fromDay: FROM_DAY, toDay: TO_DAY, clock, onProgress: (p) => texts.push(p.text) });
    expect(texts.slice(0, 2)).toEqual(['resuming at page 3/5', 'page 3/5, next call in 10:02']);
    expect(env.fake.served().map((c) => c.page)).toEqual([1, 2, 3, 4, 5]);
    expect(env.fake.calls.every((c) => c.status === 200)).toBe(true);
    expect(resumed.pagesFetched).toBe(3);
    expect(resumed.report).toEqual(baseline.report);
  });

  it('after SIGKILL of a real relay process in the middle of a call, the rerun fetches that page again and finishes the same', async () => {
    const env = await setup(0);
    cleanups.push(env.done);
    env.fake.faultOnPage(3, 'hang'); // page 3's call arrives and never returns: the kill lands mid-call
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'helpers/reconcile-child.ts'), env.db.file, env.fake.url, String(GRAVITY_APP_ID), APP_KEY, RELAY_APP, FROM_DAY, TO_DAY],
      { env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../../tsconfig.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitFor(() => env.fake.calls.some((c) => c.page === 3), 30_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(env.fake.served().map((c) => c.page)).toEqual([1, 2]);

    env.fake.faultOnPage(3, undefined);
    const before = env.fake.calls.length;
    const resumed = await runReconcile({
      appId: RELAY_APP, gravity: { url: env.fake.url, appId: GRAVITY_APP_ID, appKey: APP_KEY, minCallIntervalSeconds: 0 },
      store: await env.db.open(), fromDay: FROM_DAY, toDay: TO_DAY,
    });
    expect(env.fake.calls.slice(before).map((c) => c.page)).toEqual([3, 4, 5]);
    expect(resumed.report).toEqual(baseline.report);
  });
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
