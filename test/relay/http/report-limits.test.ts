import { parsePrometheus } from '../metrics/parse-prometheus';
import { call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

/**
 * Volume limits count REPORTS: a request of 50 reports spends 50. Over a limit the whole request is refused with
 * 429, Retry-After and a JSON error naming the limit, and nothing of it is stored; the client keeps the reports
 * queued and sends them again after its backoff.
 */
describe('POST /v1/purchases: report limits', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({
      limits: { perOpenidPerMinute: 1000, reportsPerPlayerPerMinute: 8, reportsPerPlayerPerDay: 12, reportsPerGamePerMinute: 20 },
    });
  });
  afterAll(() => t.close());

  const post = (token: string, reports: unknown[]) => call(t.url, 'POST', '/v1/purchases', { token, body: { reports } });

  it('refuses a player past reportsPerPlayerPerMinute with 429, Retry-After and the limit named, storing nothing', async () => {
    const s = await login(t.url, 'limit-minute');
    expect((await post(s.token, [report(s.openid), report(s.openid), report(s.openid), report(s.openid)])).status).toBe(200);
    // Duplicates store nothing and cost nothing (they are given back once storage has answered).
    const dup = report(s.openid);
    expect((await post(s.token, [dup])).status).toBe(200);
    expect((await post(s.token, [dup, dup, dup])).body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect((await post(s.token, [report(s.openid), report(s.openid)])).status).toBe(200);
    const refusedReports = [report(s.openid), report(s.openid)];
    const a = await post(s.token, refusedReports);
    expect(a.status).toBe(429);
    expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(a.body.error).toMatchObject({ code: 'REPORT_LIMIT', message: expect.stringMatching(/^limits\.reportsPerPlayerPerMinute \(8\)/) });
    const rows = await t.relay.storage.listDeliveries({ limit: 10_000 });
    expect(rows.filter((d) => refusedReports.some((r) => r.orderId === d.orderId))).toEqual([]);
    const m = parsePrometheus((await call(t.url, 'GET', '/metrics')).text);
    expect(m.get('relay_report_limit_refusals_total{limit="reportsPerPlayerPerMinute"}')).toBe(1);
  });

  it('refuses the game past reportsPerGamePerMinute, whoever sends', async () => {
    // 7 stored by the test above, 12 more: 19 of the game's 20 a minute.
    for (let i = 0; i < 3; i++) {
      const s = await login(t.url, `limit-game-${i}`);
      const a = await post(s.token, Array.from({ length: 4 }, () => report(s.openid)));
      expect(a.status).toBe(200);
    }
    const late = await login(t.url, 'limit-game-late');
    const a = await post(late.token, [report(late.openid), report(late.openid)]);
    expect(a.status).toBe(429);
    expect(a.body.error.message).toMatch(/^limits\.reportsPerGamePerMinute \(20\)/);
  });
});
