import { parsePrometheus } from '../metrics/parse-prometheus';
import { ADMIN_TOKEN, APP_ID, call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

describe('admin API', () => {
  let t: TestRelay;
  let deadId: number;
  let otherDeadId: number;
  beforeAll(async () => {
    t = await startTestRelay();
    const s = await login(t.url, 'admin');
    await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [report(s.openid), report(s.openid), report(s.openid)] } });
    // Make two deliveries dead the way the worker would.
    const claimed = await t.relay.storage.claimDue('tianmu', Date.now() + 1000, 10, 60_000);
    expect(claimed.length).toBe(3);
    for (const c of claimed.slice(0, 2)) await t.relay.storage.complete(c.id, c.leaseToken, { outcome: 'dead', at: Date.now(), error: 'code 10001' });
    [deadId, otherDeadId] = claimed.slice(0, 2).map((c) => c.id);
  });
  afterAll(() => t.close());

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

  it('refuses a missing or wrong admin token with 401, and a session token is not an admin token', async () => {
    const s = await login(t.url, 'not-admin');
    for (const headers of <Array<Record<string, string>>>[{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${ADMIN_TOKEN}x` }, { authorization: `Bearer ${s.token}` }]) {
      const list = await call(t.url, 'GET', '/admin/deliveries?status=dead', { headers });
      expect(list.status).toBe(401);
      const retry = await call(t.url, 'POST', '/admin/deliveries/retry-dead', { headers });
      expect(retry.status).toBe(401);
    }
    expect((await t.relay.storage.listDeliveries({ status: 'dead' })).length).toBe(2);
  });

  it('lists dead deliveries with their reason, filtered by status, sink and app', async () => {
    const a = await call(t.url, 'GET', `/admin/deliveries?status=dead&sink=tianmu&app=${APP_ID}`, { headers: admin });
    expect(a.status).toBe(200);
    expect(a.body.deliveries.map((d: { id: number }) => d.id).sort()).toEqual([deadId, otherDeadId].sort());
    expect(a.body.deliveries[0]).toMatchObject({ status: 'dead', lastError: 'code 10001', sink: 'tianmu', appId: APP_ID });
    const none = await call(t.url, 'GET', '/admin/deliveries?status=dead&app=wxnobody', { headers: admin });
    expect(none.body.deliveries).toEqual([]);
    const bad = await call(t.url, 'GET', '/admin/deliveries?status=zombie', { headers: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('status');
  });

  it('shows the dead deliveries in /metrics', async () => {
    const m = parsePrometheus((await call(t.url, 'GET', '/metrics')).text);
    expect(m.get('relay_deliveries_dead{sink="tianmu"}')).toBe(2);
    expect(m.get('relay_queue_depth{sink="tianmu"}')).toBe(1);
  });

  it('re-queues one dead delivery, 404 for one that is not dead, then all the rest', async () => {
    const one = await call(t.url, 'POST', `/admin/deliveries/${deadId}/retry`, { headers: admin });
    expect([one.status, one.body.retried]).toEqual([200, 1]);
    const again = await call(t.url, 'POST', `/admin/deliveries/${deadId}/retry`, { headers: admin });
    expect(again.status).toBe(404);
    const badId = await call(t.url, 'POST', '/admin/deliveries/abc/retry', { headers: admin });
    expect([badId.status, badId.body.error.field]).toEqual([400, 'id']);
    const all = await call(t.url, 'POST', '/admin/deliveries/retry-dead', { headers: admin });
    expect([all.status, all.body.retried]).toEqual([200, 1]);
    expect((await t.relay.storage.listDeliveries({ status: 'dead' })).length).toBe(0);
  });

  it('sends no CORS header on admin routes', async () => {
    const a = await call(t.url, 'GET', '/admin/deliveries', { headers: { ...admin, origin: 'https://evil.example' } });
    expect(a.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('admin API without an adminToken', () => {
  it('is off (403)', async () => {
    const t = await startTestRelay({ adminToken: undefined });
    try {
      const a = await call(t.url, 'GET', '/admin/deliveries', { headers: { authorization: 'Bearer anything' } });
      expect([a.status, a.body.error.code]).toEqual([403, 'ADMIN_DISABLED']);
    } finally {
      await t.close();
    }
  });
});
