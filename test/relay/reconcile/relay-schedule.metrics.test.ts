import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { resetReconcileMetrics } from '../../../src/relay/reconcile/reconcile-metrics';
import { cstYesterday, parseDay } from '../../../src/relay/reconcile/reconcile-window';
import { createRelay, type Relay } from '../../../src/relay/relay-app';
import { CST_OFFSET_MINUTES, formatWallClock } from '../../../src/shared/time/zoned-time';
import { FakeGravity } from '../../fakes/gravity/fake-gravity';
import { RELAY_APP, seedPurchases, tempDb } from './helpers/relay-store';

const KEY = 'gk_relay_0123456789abcdef0123';

/**
 * The running relay: its schedule (`daily: "00:00"`, so the catch-up at start is always due) reconciles yesterday
 * against the fake Gravity and `/metrics` shows the result. The real clock is used, so the data is placed on
 * the real China-time yesterday.
 */
describe('the relay runs the scheduled reconciliation and serves it in /metrics', () => {
  const yesterday = cstYesterday(Date.now());
  const noon = parseDay(yesterday) + 12 * 3600_000;
  const fake = new FakeGravity({
    apps: [{
      appId: 808, appKey: KEY, orders: [
        { orderId: 'm-1', amount: 600, payEventTime: formatWallClock(noon, CST_OFFSET_MINUTES), status: '回传成功' },
        { orderId: 'm-2', amount: 650, payEventTime: formatWallClock(noon + 60_000, CST_OFFSET_MINUTES), status: '回传失败' },
        { orderId: 'm-3', amount: 700, payEventTime: formatWallClock(noon + 120_000, CST_OFFSET_MINUTES), status: '未回传' },
      ],
    }],
    minCallIntervalMs: 0,
  });
  const db = tempDb();
  const lines: string[] = [];
  let relay: Relay;

  beforeAll(async () => {
    resetReconcileMetrics();
    await fake.start();
    const s = await db.open();
    await seedPurchases(s, [
      { orderId: 'm-1', amount: 600, paidAt: noon },
      { orderId: 'm-2', amount: 651, paidAt: noon + 60_000 },
      { orderId: 'm-4', amount: 100, paidAt: noon + 180_000 },
    ]);
    await s.close();
    const config = RelayConfigSchema.parse({
      host: '127.0.0.1', port: 0, storage: { sqlite: db.file },
      session: { mode: 'sandbox', secret: 's'.repeat(32) },
      games: [{ appId: RELAY_APP, gravity: { url: fake.url, appId: 808, appKey: KEY, minCallIntervalSeconds: 0, schedule: { daily: '00:00' } } }],
    });
    relay = createRelay(config, { deliveries: false, log: createRelayLogger({ secrets: [KEY], level: 'info', destination: { write: (l: string) => void lines.push(l) } }) });
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    await fake.close();
    await db.cleanup();
  });

  it('shows the counts of yesterday once the run is done, and logs them without the app key', async () => {
    let text = '';
    for (let i = 0; i < 400 && !text.includes('relay_reconcile_orders'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      text = await (await fetch(`${relay.url}/metrics`)).text();
    }
    const app = `app="${RELAY_APP}"`;
    for (const [kind, n] of [['both', 2], ['missing_in_gravity', 1], ['missing_in_relay', 1], ['amount_mismatch', 1], ['duplicate_in_gravity', 0]] as const) {
      expect(text).toContain(`relay_reconcile_orders{${app},kind="${kind}"} ${n}\n`);
    }
    expect(text).toMatch(new RegExp(`relay_reconcile_last_run_timestamp_seconds\\{${app}\\} \\d+\\n`));
    expect(fake.served()[0].body?.event_filtering).toEqual({ PayEventTime: [yesterday, yesterday] });
    const logged = lines.join('');
    expect(logged).toContain('reconcile: differences found');
    expect(logged).not.toContain(KEY);
  });
});
