import { RateGate } from '../../../src/relay/reconcile/rate-gate';
import { runReconcile } from '../../../src/relay/reconcile/reconcile-run';
import { openStorage } from '../../../src/relay/storage/open-storage';
import type { Storage } from '../../../src/relay/storage/storage';
import { usePgCluster } from '../../helpers/pg-cluster';
import { FakeGravity } from '../../fakes/gravity/fake-gravity';
import { FakeClock } from './helpers/fake-clock';
import { EXPECTED_COUNTS, EXPECTED_STATUS, FROM_DAY, MISMATCH_IDS, TO_DAY, generate } from './helpers/gravity-dataset';
import { RELAY_APP, seedPurchases } from './helpers/relay-store';

const pg = usePgCluster();
const KEY = 'gk_pg_0123456789abcdef';

describe('reconcile on PostgreSQL storage', () => {
  const data = generate();
  const clock = new FakeClock(Date.UTC(2025, 2, 3, 1));
  const fake = new FakeGravity({ apps: [{ appId: 31, appKey: KEY, orders: data.gravity }], minCallIntervalMs: 600_000, now: clock.now });
  let url: string;
  const opened: Storage[] = [];
  const open = async () => {
    const s = await openStorage({ postgres: url });
    opened.push(s);
    return s;
  };

  beforeAll(async () => {
    await fake.start();
    url = await pg().createDatabase();
    await seedPurchases(await open(), data.relay);
  });
  afterAll(async () => {
    for (const s of opened) await s.close();
    await fake.close();
    if (url) await pg().dropDatabase(url);
  });

  it('gives the same exact report, and resumes on another connection pool after an abort', async () => {
    const gravity = { url: fake.url, appId: 31, appKey: KEY, minCallIntervalSeconds: 600 };
    const ac = new AbortController();
    await expect(
      runReconcile({
        appId: RELAY_APP, gravity, store: await open(), fromDay: FROM_DAY, toDay: TO_DAY, clock, signal: ac.signal,
        onProgress: (p) => p.type === 'page' && p.page === 3 && ac.abort(new Error('killed')),
      }),
    ).rejects.toThrow('killed');
    const out = await runReconcile({ appId: RELAY_APP, gravity, store: await open(), fromDay: FROM_DAY, toDay: TO_DAY, clock });
    expect(fake.served().map((c) => c.page)).toEqual([1, 2, 3, 4, 5]);
    expect(fake.calls.every((c) => c.status === 200)).toBe(true);
    expect(out.pagesFetched).toBe(2);
    expect(out.report.counts).toEqual(EXPECTED_COUNTS);
    expect(out.report.statusCounts).toEqual(EXPECTED_STATUS);
    expect(out.report.amountMismatch.map((r) => r.orderId)).toEqual(MISMATCH_IDS);
  });

  it('holds the interval across two pools racing for the same key', async () => {
    const granted: number[] = [];
    const gate = async () => {
      const store = await open();
      const reserve = store.reserveCall.bind(store);
      store.reserveCall = async (k, min, now) => {
        const r = await reserve(k, min, now);
        if (r.ok) granted.push(now);
        return r;
      };
      return new RateGate({ store, appKey: 'pg-race', minIntervalMs: 600_000, clock });
    };
    const [a, b] = [await gate(), await gate()];
    const run = async (g: RateGate) => {
      for (let i = 0; i < 3; i++) await g.acquire();
    };
    await Promise.all([run(a), run(b)]);
    granted.sort((x, y) => x - y);
    expect(granted).toHaveLength(6);
    for (let i = 1; i < granted.length; i++) expect(granted[i] - granted[i - 1]).toBeGreaterThanOrEqual(600_000);
  });
});
