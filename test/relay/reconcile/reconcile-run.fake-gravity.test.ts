import { runReconcile, type ReconcileProgress } from '../../../src/relay/reconcile/reconcile-run';
import { headerKey } from '../../../src/relay/reconcile/reconcile-state';
import { FakeGravity } from '../../fakes/gravity/fake-gravity';
import { FakeClock } from './helpers/fake-clock';
import {
  EXPECTED_COUNTS, EXPECTED_STATUS, FROM_DAY, GRAVITY_ONLY_IDS, GRAVITY_ROWS_IN_WINDOW, MISMATCH_IDS, RELAY_ONLY_IDS, TO_DAY, amountOf, generate,
} from './helpers/gravity-dataset';
import { RELAY_APP, seedPurchases, tempDb } from './helpers/relay-store';

const APP_KEY = 'gk_live_0123456789abcdef';
const GRAVITY_APP_ID = 17802622;
const INTERVAL_S = 600;

describe('reconcile against a fake Gravity (real HTTP, real SQLite)', () => {
  const clock = new FakeClock(Date.UTC(2025, 2, 3, 1, 0, 0));
  const data = generate();
  const fake = new FakeGravity({ apps: [{ appId: GRAVITY_APP_ID, appKey: APP_KEY, orders: data.gravity }], minCallIntervalMs: INTERVAL_S * 1000, now: clock.now });
  const db = tempDb();

  beforeAll(async () => {
    await fake.start();
    await seedPurchases(await db.open(), data.relay);
  });
  afterAll(async () => {
    await fake.close();
    await db.cleanup();
  });

  it('pages every order at one call per interval and reports the exact differences', async () => {
    const store = await db.open();
    const progress: ReconcileProgress[] = [];
    const out = await runReconcile({
      appId: RELAY_APP,
      gravity: { url: fake.url, appId: GRAVITY_APP_ID, appKey: APP_KEY, minCallIntervalSeconds: INTERVAL_S },
      store, fromDay: FROM_DAY, toDay: TO_DAY, clock, onProgress: (p) => progress.push(p),
    });

    // Paging: 2,447 rows at 500 a page is 5 calls, every one accepted (sign, JWT, interval), page_size 500.
    const served = fake.served();
    expect(fake.calls.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    expect(served.map((c) => c.page)).toEqual([1, 2, 3, 4, 5]);
    expect(served.every((c) => c.pageSize === 500)).toBe(true);
    for (let i = 1; i < served.length; i++) expect(served[i].at - served[i - 1].at).toBeGreaterThanOrEqual(INTERVAL_S * 1000);
    expect(out).toMatchObject({ pagesFetched: 5, totalPages: 5, gravityTotal: GRAVITY_ROWS_IN_WINDOW, reused: false, totalChanged: false });

    // The wait is announced the way an operator reads it.
    const waits = progress.filter((p) => p.type === 'waiting').map((p) => p.text);
    // 10 minutes and the 2 s margin for network latency between sending and Gravity's count.
    expect(waits).toEqual(['page 2/5, next call in 10:02', 'page 3/5, next call in 10:02', 'page 4/5, next call in 10:02', 'page 5/5, next call in 10:02']);

    const r = out.report;
    expect(r.counts).toEqual(EXPECTED_COUNTS);
    expect(r.statusCounts).toEqual(EXPECTED_STATUS);
    expect(r.missingInRelay.map((x) => x.orderId)).toEqual(GRAVITY_ONLY_IDS);
    expect(r.missingInGravity.map((x) => x.orderId)).toEqual(RELAY_ONLY_IDS);
    expect(r.amountMismatch.map((x) => x.orderId)).toEqual(MISMATCH_IDS);
    expect(r.duplicateInGravity.map((x) => x.orderId)).toEqual(['ord_00100']);

    // Row contents: amounts in fen on both sides, times in China time (the relay's client clock is 3 s ahead here).
    expect(r.amountMismatch.find((x) => x.orderId === 'ord_00013')).toEqual({
      orderId: 'ord_00013', relayAmount: amountOf(13) + 100, relayCurrency: 'CNY', relayPaidAt: '2025-03-01 00:15:56', uid: 'uid-ord_00013',
      gravityAmount: amountOf(13), gravityCurrency: 'CNY', gravityPayEventTime: '2025-03-01 00:15:53', gravityStatus: 'posted',
    });
    expect(r.amountMismatch.find((x) => x.orderId === 'ord_00007')).toMatchObject({ relayAmount: amountOf(7), relayCurrency: 'USD', gravityAmount: amountOf(7), gravityCurrency: 'CNY' });
    expect(r.missingInRelay[0]).toEqual({ orderId: 'gx_000', gravityAmount: 1200, gravityCurrency: 'CNY', gravityPayEventTime: '2025-03-01 01:00:00', gravityStatus: 'posted' });
    expect(r.missingInGravity[11]).toEqual({ orderId: 'rx_011', relayAmount: 3011, relayCurrency: 'CNY', relayPaidAt: '2025-03-01 02:11:00', uid: 'uid-rx_011' });
    // Outside the window on either side: never reported.
    const all = [...r.missingInGravity, ...r.missingInRelay, ...r.amountMismatch].map((x) => x.orderId);
    expect(all).not.toEqual(expect.arrayContaining(['late_g']));
    expect(all.filter((x) => ['late_g', 'early_r', 'late_r', 'edge_1'].includes(x))).toEqual([]);
  });

  it('reuses the stored pull of the same range without calling Gravity again', async () => {
    const before = fake.calls.length;
    const out = await runReconcile({
      appId: RELAY_APP,
      gravity: { url: fake.url, appId: GRAVITY_APP_ID, appKey: APP_KEY, minCallIntervalSeconds: INTERVAL_S },
      store: await db.open(), fromDay: FROM_DAY, toDay: TO_DAY, clock,
    });
    expect(fake.calls.length).toBe(before);
    expect(out.reused).toBe(true);
    expect(out.report.counts).toEqual(EXPECTED_COUNTS);
  });

  it('pulls afresh on request, still respecting the interval left by the last call', async () => {
    const store = await db.open();
    const oldRun = JSON.parse((await store.getState(headerKey(RELAY_APP, FROM_DAY, TO_DAY)))!) as { runId: string };
    expect(await store.getState(`reconcile:v1:page:${oldRun.runId}:5`)).toMatch(/^\[\["/);
    const lastServed = fake.served().slice(-1)[0].at;
    clock.t = lastServed + 60_000; // only one minute later
    const progress: string[] = [];
    const out = await runReconcile({
      appId: RELAY_APP,
      gravity: { url: fake.url, appId: GRAVITY_APP_ID, appKey: APP_KEY, minCallIntervalSeconds: INTERVAL_S },
      store, fromDay: FROM_DAY, toDay: TO_DAY, clock, fresh: true, onProgress: (p) => progress.push(p.text),
    });
    expect(progress[0]).toBe('page 1/?, next call in 9:02');
    expect(fake.calls.every((c) => c.status === 200)).toBe(true);
    expect(out.pagesFetched).toBe(5);
    expect(out.report.counts).toEqual(EXPECTED_COUNTS);
    // The replaced pull's pages were emptied, not left to grow the database.
    expect(await store.getState(`reconcile:v1:page:${oldRun.runId}:5`)).toBe('');
  });
});
