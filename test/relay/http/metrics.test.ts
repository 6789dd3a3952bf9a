import { parsePrometheus } from '../metrics/parse-prometheus';
import { call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

describe('GET /metrics and /healthz', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({
      games: [{ appId: 'wx1234567891234567', sinks: { tianmu: { capture: 'x' }, hive: { capture: 'x', appId: 'com.x', gameShort: 'g', company: 'C2S', gameIndex: 1, market: 'TC', serverId: 'CN' } } }],
    });
  });
  afterAll(() => t.close());

  it('counts reports by status, queue depth per sink and ingest latency, in parseable Prometheus text', async () => {
    const s = await login(t.url, 'metrics');
    const dup = report(s.openid);
    await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [dup, report(s.openid), { ...report(s.openid), currency: 'XXX' }] } });
    await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [dup] } });
    const a = await call(t.url, 'GET', '/metrics');
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const m = parsePrometheus(a.text);
    expect(m.get('relay_reports_total{status="accepted"}')).toBe(2);
    expect(m.get('relay_reports_total{status="duplicate"}')).toBe(1);
    expect(m.get('relay_reports_total{status="rejected"}')).toBe(1);
    expect(m.get('relay_queue_depth{sink="tianmu"}')).toBe(2);
    expect(m.get('relay_queue_depth{sink="hive"}')).toBe(2);
    expect(m.get('relay_deliveries_dead{sink="hive"}')).toBe(0);
    // Two requests reached storage (the second only with a duplicate).
    expect(m.get('relay_ingest_duration_seconds_count')).toBe(2);
    expect(m.get('relay_ingest_duration_seconds_bucket{le="+Inf"}')).toBe(2);
    for (const name of ['relay_deliveries_total{outcome="delivered",sink="tianmu"}', 'relay_delivery_retries_total{sink="hive"}']) {
      expect(m.get(name)).toBe(0);
    }
  });

  it('counts worker attempts by sink and outcome', async () => {
    t.relay.metrics.onAttempt('hive', 'retry', 5);
    t.relay.metrics.onAttempt('hive', 'delivered', 5);
    const m = parsePrometheus((await call(t.url, 'GET', '/metrics')).text);
    expect(m.get('relay_deliveries_total{outcome="retry",sink="hive"}')).toBe(1);
    expect(m.get('relay_deliveries_total{outcome="delivered",sink="hive"}')).toBe(1);
    expect(m.get('relay_delivery_retries_total{sink="hive"}')).toBe(1);
  });

  it('/healthz answers 200 while storage is reachable and 503 once it is not', async () => {
    const ok = await call(t.url, 'GET', '/healthz');
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    const other = await startTestRelay();
    try {
      await other.relay.storage.close();
      const down = await call(other.url, 'GET', '/healthz');
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('STORAGE_UNAVAILABLE');
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
