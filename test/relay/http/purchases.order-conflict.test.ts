import { parsePrometheus } from '../metrics/parse-prometheus';
import { call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

/**
 * An order id belongs to the report that first stored it. A client drops a report once the relay answers `duplicate`
 * for its order id, so answering `duplicate` to a different purchase under a taken id would make the real one vanish.
 */
describe('POST /v1/purchases: order id conflicts', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay();
  });
  afterAll(() => t.close());

  it('rejects another user’s report under a taken order id, and the same order at another amount, with ORDER_ID_CONFLICT', async () => {
    const alice = await login(t.url, 'conflict-alice');
    const mallory = await login(t.url, 'conflict-mallory');
    const real = report(alice.openid);
    expect((await call(t.url, 'POST', '/v1/purchases', { token: alice.token, body: { reports: [real] } })).body.results[0].status).toBe('accepted');

    const stolen = await call(t.url, 'POST', '/v1/purchases', {
      token: mallory.token,
      body: { reports: [report(mallory.openid, { orderId: real.orderId }), report(mallory.openid)] },
    });
    expect(stolen.status).toBe(200);
    expect(stolen.body.results[0]).toMatchObject({ orderId: real.orderId, status: 'rejected', error: expect.stringMatching(/^ORDER_ID_CONFLICT\b/) });
    expect(stolen.body.results[1].status).toBe('accepted');

    const cheaper = await call(t.url, 'POST', '/v1/purchases', { token: alice.token, body: { reports: [{ ...real, amount: 1 }] } });
    expect(cheaper.body.results[0]).toMatchObject({ status: 'rejected', error: expect.stringMatching(/^ORDER_ID_CONFLICT\b/) });

    // The very same report again is what a client resends after a lost answer: still a duplicate.
    const again = await call(t.url, 'POST', '/v1/purchases', { token: alice.token, body: { reports: [real] } });
    expect(again.body.results[0]).toEqual({ orderId: real.orderId, status: 'duplicate' });

    const rows = await t.relay.storage.listDeliveries({ limit: 1000 });
    expect(rows.filter((d) => d.orderId === real.orderId)).toHaveLength(1);

    const m = parsePrometheus((await call(t.url, 'GET', '/metrics')).text);
    expect(m.get('relay_order_id_conflicts_total')).toBe(2);
    const warnings = t.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => /ORDER_ID_CONFLICT/.test(String(l.msg)));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ level: 40, orderId: real.orderId, fields: ['uid'] });
    expect(warnings[1]).toMatchObject({ fields: ['amount'] });
    for (const l of t.logLines) expect(l).not.toContain(mallory.token);
  });
});
