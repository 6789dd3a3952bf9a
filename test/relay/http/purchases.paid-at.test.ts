import { APP_ID, call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * "Hardening the relay", finding 1: a report's `paidAt` is the device's clock. Beyond the schema's absolute range,
 * the relay holds it to a window of its own clock (at most 10 minutes ahead, at most 400 days old); a report
 * outside it is `rejected` naming `paidAt`, and its neighbours in the same request land.
 */
describe('POST /v1/purchases: paidAt within the relay clock window', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({ games: [{ appId: APP_ID, sinks: { hive: { capture: 'x', appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, market: 'TC', serverId: 'CN' } } }] }, { now: () => NOW });
  });
  afterAll(() => t.close());

  it.each([
    ['11 minutes ahead of the relay clock', NOW + 11 * MINUTE],
    ['401 days old', NOW - 401 * DAY],
    ['MAX_SAFE_INTEGER (the fuzz poison row)', Number.MAX_SAFE_INTEGER],
  ])('rejects a report paid %s, naming paidAt, and lands its neighbours', async (_name, paidAt) => {
    const s = await login(t.url, `paid-at-${paidAt}`);
    const reports = [report(s.openid, { paidAt: NOW - MINUTE }), report(s.openid, { paidAt }), report(s.openid, { paidAt: NOW })];
    const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports } });
    expect(a.status).toBe(200);
    expect(a.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(a.body.results[1].error).toMatch(/^reports\[1\]\.paidAt: /);
    const stored = await t.relay.storage.listDeliveries({ appId: APP_ID, limit: 1000 });
    expect(stored.some((d) => d.orderId === reports[1].orderId)).toBe(false);
  });

  it.each([
    ['9 minutes ahead (a device clock a little fast)', NOW + 9 * MINUTE],
    ['399 days old (a report queued offline for a year)', NOW - 399 * DAY],
  ])('accepts a report paid %s', async (_name, paidAt) => {
    const s = await login(t.url, `paid-at-ok-${paidAt}`);
    const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [report(s.openid, { paidAt })] } });
    expect(a.body.results[0].status).toBe('accepted');
  });
});
