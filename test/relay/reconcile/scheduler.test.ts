import type { RelayConfig } from '../../../src/relay/config/config-schema';
import { resetReconcileMetrics } from '../../../src/relay/reconcile/reconcile-metrics';
import { headerKey } from '../../../src/relay/reconcile/reconcile-state';
import { nextDailyRun, reconcileMetricsText, startReconcileSchedules } from '../../../src/relay/reconcile/scheduler';
import type { Storage } from '../../../src/relay/storage/storage';
import { CST_OFFSET_MINUTES, parseWallClock } from '../../../src/shared/time/zoned-time';
import { FakeGravity } from '../../fakes/gravity/fake-gravity';
import { ManualClock } from './helpers/manual-clock';
import { RELAY_APP, seedPurchases, tempDb } from './helpers/relay-store';

const cst = (wall: string) => parseWallClock(wall, CST_OFFSET_MINUTES);
const KEY = 'gk_sched_0123456789abcdef';

describe('daily reconcile schedule', () => {
  const fake = new FakeGravity({
    apps: [{
      appId: 99, appKey: KEY, orders: [
        { orderId: 'd1-a', amount: 600, payEventTime: '2025-03-01 10:00:00', status: '回传成功' },
        { orderId: 'd1-b', amount: 700, payEventTime: '2025-03-01 23:30:00', status: '未回传' },
        { orderId: 'd2-a', amount: 800, payEventTime: '2025-03-02 09:00:00', status: '回传成功' },
      ],
    }],
    minCallIntervalMs: 0,
  });
  const db = tempDb();
  let store: Storage;
  const logs: { level: string; obj: object; msg?: string }[] = [];
  const log = {
    info: (obj: object, msg?: string) => logs.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg?: string) => logs.push({ level: 'warn', obj, msg }),
    error: (obj: object, msg?: string) => logs.push({ level: 'error', obj, msg }),
  };
  const config = (appKey = KEY) =>
    ({
      games: [{ appId: RELAY_APP, sinks: {}, gravity: { url: fake.url, appId: 99, appKey, minCallIntervalSeconds: 0, schedule: { daily: '03:00' } } }],
    }) as unknown as RelayConfig;

  beforeAll(async () => {
    await fake.start();
    store = await db.open();
    await seedPurchases(store, [
      { orderId: 'd1-a', amount: 600, paidAt: cst('2025-03-01 10:00:01') },
      { orderId: 'd1-b', amount: 701, paidAt: cst('2025-03-01 23:30:00') },
      { orderId: 'd1-c', amount: 900, paidAt: cst('2025-03-01 12:00:00') },
      { orderId: 'd2-a', amount: 800, paidAt: cst('2025-03-02 09:00:00') },
    ]);
  });
  afterAll(async () => {
    await fake.close();
    await db.cleanup();
  });
  beforeEach(() => resetReconcileMetrics());

  it('computes the next HH:MM in China time whatever the host zone', () => {
    expect(nextDailyRun(cst('2025-03-02 02:00:00'), '03:00')).toBe(cst('2025-03-02 03:00:00'));
    expect(nextDailyRun(cst('2025-03-02 03:00:00'), '03:00')).toBe(cst('2025-03-03 03:00:00'));
    expect(() => nextDailyRun(0, '24:00')).toThrow(/HH:MM/);
  });

  it('reconciles yesterday at 03:00 CST each day and exposes the last result in /metrics', async () => {
    const clock = new ManualClock(cst('2025-03-02 02:00:00'));
    const s = startReconcileSchedules({ config: config(), store, log, clock });
    try {
      await until(() => clock.pending().length === 1);
      expect(clock.pending()).toEqual([cst('2025-03-02 03:00:00')]);
      expect(reconcileMetricsText()).toBe('');

      clock.advanceTo(cst('2025-03-02 03:00:00'));
      await until(() => reconcileMetricsText() !== '' && clock.pending().length === 1);
      expect(fake.served().slice(-1)[0].body?.event_filtering).toEqual({ PayEventTime: ['2025-03-01', '2025-03-01'] });
      const text = reconcileMetricsText();
      const app = `app="${RELAY_APP}"`;
      expect(text).toContain(`relay_reconcile_last_run_timestamp_seconds{${app}} ${cst('2025-03-02 03:00:00') / 1000}\n`);
      for (const [kind, n] of [['both', 2], ['missing_in_gravity', 1], ['missing_in_relay', 0], ['amount_mismatch', 1], ['duplicate_in_gravity', 0]] as const) {
        expect(text).toContain(`relay_reconcile_orders{${app},kind="${kind}"} ${n}\n`);
      }
      expect(text).toContain(`relay_reconcile_gravity_postback_orders{${app},status="posted"} 1\n`);
      expect(text).toMatch(/# TYPE relay_reconcile_orders gauge/);
      expect(logs.find((l) => l.msg === 'reconcile: differences found')?.obj).toMatchObject({ app: RELAY_APP, day: '2025-03-01', amountMismatch: 1, missingInGravity: 1 });
      expect(clock.pending()).toEqual([cst('2025-03-03 03:00:00')]);

      clock.advanceTo(cst('2025-03-03 03:00:00'));
      await until(() => reconcileMetricsText().includes(`${cst('2025-03-03 03:00:00') / 1000}`));
      expect(fake.served().slice(-1)[0].body?.event_filtering).toEqual({ PayEventTime: ['2025-03-02', '2025-03-02'] });
      expect(reconcileMetricsText()).toContain(`relay_reconcile_orders{${app},kind="both"} 1\n`);
    } finally {
      s.stop();
    }
    await until(() => clock.pending().length === 0);
  });

  it('after a restart shows the stored last result at once and catches up a missed day', async () => {
    const clock = new ManualClock(cst('2025-03-04 05:00:00'));
    const calls = fake.served().length;
    const s = startReconcileSchedules({ config: config(), store, log, clock });
    try {
      // 2025-03-03 was not reconciled and 03:00 has passed: it runs now, not tomorrow.
      await until(() => fake.served().length === calls + 1 && clock.pending().length === 1);
      expect(fake.served().slice(-1)[0].body?.event_filtering).toEqual({ PayEventTime: ['2025-03-03', '2025-03-03'] });
      expect(clock.pending()).toEqual([cst('2025-03-05 03:00:00')]);
    } finally {
      s.stop();
    }
    resetReconcileMetrics();
    const again = startReconcileSchedules({ config: config(), store, log, clock });
    try {
      await until(() => reconcileMetricsText() !== '');
      expect(reconcileMetricsText()).toContain(`relay_reconcile_last_run_timestamp_seconds{app="${RELAY_APP}"} ${cst('2025-03-04 05:00:00') / 1000}`);
      await until(() => clock.pending().length === 1);
      expect(fake.served().length).toBe(calls + 1); // already done today: no second pull
    } finally {
      again.stop();
    }
  });

  it('empties the stored pull of the day a week before the one it just reconciled', async () => {
    const key = headerKey(RELAY_APP, '2025-03-01', '2025-03-01');
    const before = JSON.parse((await store.getState(key))!) as { runId: string; complete: boolean };
    expect(before.complete).toBe(true);
    const clock = new ManualClock(cst('2025-03-09 02:59:00'));
    const s = startReconcileSchedules({ config: config(), store, log, clock });
    try {
      await until(() => clock.pending().length === 1);
      clock.advanceTo(cst('2025-03-09 03:00:00'));
      await until(() => reconcileMetricsText().includes(`${cst('2025-03-09 03:00:00') / 1000}`));
      expect(await store.getState(key)).toBe('');
      expect(await store.getState(`reconcile:v1:page:${before.runId}:1`)).toBe('');
      // The newer pull stays for reuse.
      expect(JSON.parse((await store.getState(headerKey(RELAY_APP, '2025-03-08', '2025-03-08')))!).complete).toBe(true);
    } finally {
      s.stop();
    }
  });

  it('a failed run is logged, counted in /metrics and retried an hour later, never thrown', async () => {
    const clock = new ManualClock(cst('2025-03-06 02:59:00'));
    const s = startReconcileSchedules({ config: config('wrong-key-wrong-key'), store, log, clock });
    try {
      await until(() => clock.pending().length === 1);
      clock.advanceTo(cst('2025-03-06 03:00:00'));
      await until(() => reconcileMetricsText().includes('relay_reconcile_last_failure_timestamp_seconds'));
      expect(reconcileMetricsText()).toContain(`relay_reconcile_last_failure_timestamp_seconds{app="${RELAY_APP}"} ${cst('2025-03-06 03:00:00') / 1000}`);
      expect(logs.filter((l) => l.level === 'error').slice(-1)[0].obj).toMatchObject({ app: RELAY_APP, day: '2025-03-05', code: 'auth' });
      await until(() => clock.pending().length === 1);
      expect(clock.pending()).toEqual([cst('2025-03-06 04:00:00')]);
      // The key is in no log line.
      expect(JSON.stringify(logs)).not.toContain('wrong-key-wrong-key');
    } finally {
      s.stop();
    }
  });
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error('condition not met');
}
