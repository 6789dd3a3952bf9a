import { verifySessionToken } from '../../../src/relay/session/session-token';
import { signJwt } from '../../../src/relay/session/jwt';
import { APP_ID, SESSION_SECRET, call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

describe('POST /v1/purchases', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({
      games: [
        { appId: APP_ID, sinks: { tianmu: { capture: 'x' }, kakao: { capture: 'x', appId: '1', appSecret: 'kakao-secret-1', adminKey: 'kakao-admin-1' } } },
        { appId: 'wxother00000000000', sinks: {} },
      ],
    });
  });
  afterAll(() => t.close());

  it('lands the good reports of a mixed batch and rejects the bad one naming its field', async () => {
    const s = await login(t.url, 'mixed');
    const reports = [report(s.openid), report(s.openid), report(s.openid), { ...report(s.openid), amount: 9.99 }, report(s.openid)];
    const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports } });
    expect(a.status).toBe(200);
    expect(a.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'accepted']);
    expect(a.body.results.map((r: { orderId: string }) => r.orderId)).toEqual(reports.map((r) => r.orderId));
    expect(a.body.results[3].error).toMatch(/^reports\[3\]\.amount: /);
    // Stored, with one delivery row per enabled sink of the game (tianmu + kakao).
    const rows = await t.relay.storage.listDeliveries({ appId: APP_ID, limit: 1000 });
    for (const r of [0, 1, 2, 4].map((i) => reports[i])) {
      expect(rows.filter((d) => d.orderId === r.orderId).map((d) => d.sink).sort()).toEqual(['kakao', 'tianmu']);
    }
    expect(rows.some((d) => d.orderId === reports[3].orderId)).toBe(false);
  });

  it('answers duplicate for an order it already has, in another batch or in the same one', async () => {
    const s = await login(t.url, 'dup');
    const r = report(s.openid);
    const first = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r] } });
    expect(first.body.results[0].status).toBe('accepted');
    const again = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r, { ...r }] } });
    expect(again.body.results.map((x: { status: string }) => x.status)).toEqual(['duplicate', 'duplicate']);
    const r2 = report(s.openid);
    const twice = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r2, r2] } });
    expect(twice.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'duplicate']);
    const rows = await t.relay.storage.listDeliveries({ appId: APP_ID, limit: 1000 });
    expect(rows.filter((d) => d.orderId === r.orderId)).toHaveLength(2);
  });

  it('rejects a report whose uid is not the session openid, or whose appId is not the session app', async () => {
    const s = await login(t.url, 'uid');
    const a = await call(t.url, 'POST', '/v1/purchases', {
      token: s.token,
      body: { reports: [report('someone-else'), report(s.openid, { appId: 'wxother00000000000' }), report(s.openid)] },
    });
    expect(a.body.results[0]).toMatchObject({ status: 'rejected', error: 'reports[0].uid: must equal the session\'s openid' });
    expect(a.body.results[1]).toMatchObject({ status: 'rejected' });
    expect(a.body.results[1].error).toMatch(/^reports\[1\]\.appId/);
    expect(a.body.results[2].status).toBe('accepted');
  });

  it('decides first pay itself: the second paid order of a uid is not first', async () => {
    const s = await login(t.url, 'firstpay');
    const r1 = report(s.openid);
    const r2 = report(s.openid);
    await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r1] } });
    await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r2] } });
    const claimed = await t.relay.storage.claimDue('tianmu', Date.now() + 1000, 10_000, 60_000);
    const mine = claimed.filter((c) => c.purchase.report.uid === s.openid);
    expect(mine.map((c) => [c.purchase.report.orderId, c.purchase.isFirstPay])).toEqual(
      expect.arrayContaining([
        [r1.orderId, true],
        [r2.orderId, false],
      ]),
    );
    expect(mine).toHaveLength(2);
  });

  it('refuses a malformed envelope with 400 naming reports (missing, empty, over 50)', async () => {
    const s = await login(t.url, 'env');
    for (const body of [{}, { reports: [] }, { reports: 'x' }, { reports: Array.from({ length: 51 }, () => report(s.openid)) }]) {
      const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body });
      expect(a.status).toBe(400);
      expect(a.body.error.field).toBe('reports');
    }
    const notObject = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: '[1,2]' });
    expect(notObject.status).toBe(400);
    const badJson = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: '{"reports": [' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('INVALID_JSON');
  });

  it('accepts exactly 50 reports', async () => {
    const s = await login(t.url, 'fifty');
    const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: Array.from({ length: 50 }, () => report(s.openid)) } });
    expect(a.status).toBe(200);
    expect(a.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
  });

  it('answers 401 without a valid token: none, wrong scheme, bad signature, expired, alg none, unknown app', async () => {
    const s = await login(t.url, 'auth');
    const body = { reports: [report(s.openid)] };
    const expired = signJwt({ app: APP_ID, sub: s.openid, exp: Math.floor(Date.now() / 1000) - 1 }, SESSION_SECRET);
    const otherSecret = signJwt({ app: APP_ID, sub: s.openid, exp: Math.floor(Date.now() / 1000) + 60 }, 'not-the-secret-xxxxxxxx');
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ app: APP_ID, sub: s.openid, exp: 9e9 })}.`;
    const unknownApp = signJwt({ app: 'wxgone', sub: s.openid, exp: Math.floor(Date.now() / 1000) + 60 }, SESSION_SECRET);
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'UNAUTHENTICATED'],
      [{ authorization: `Basic ${s.token}` }, 'UNAUTHENTICATED'],
      [{ authorization: `Bearer ${s.token.slice(0, -2)}xx` }, 'INVALID_TOKEN'],
      [{ authorization: `Bearer ${otherSecret}` }, 'INVALID_TOKEN'],
      [{ authorization: `Bearer ${expired}` }, 'TOKEN_EXPIRED'],
      [{ authorization: `Bearer ${none}` }, 'INVALID_TOKEN'],
      [{ authorization: `Bearer ${unknownApp}` }, 'INVALID_TOKEN'],
    ];
    for (const [headers, code] of cases) {
      const a = await call(t.url, 'POST', '/v1/purchases', { headers, body });
      expect([a.status, a.body.error.code, a.body.error.field]).toEqual([401, code, 'authorization']);
    }
    // Nothing was stored by any of them.
    const rows = await t.relay.storage.listDeliveries({ appId: APP_ID, limit: 10_000 });
    expect(rows.some((d) => d.orderId === body.reports[0].orderId)).toBe(false);
    expect(verifySessionToken(s.token, { secret: SESSION_SECRET, audience: 'sandbox', ttlSeconds: t.config.session.ttlSeconds }, Date.now()).ok).toBe(true);
  });

  it('records the socket address as the client IP when no proxy is trusted, ignoring X-Forwarded-For', async () => {
    const s = await login(t.url, 'ip');
    const r = report(s.openid);
    await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r] }, headers: { 'x-forwarded-for': '203.0.113.50' } });
    const claimed = await t.relay.storage.claimDue('kakao', Date.now() + 1000, 10_000, 60_000);
    expect(claimed.find((c) => c.purchase.report.orderId === r.orderId)?.purchase.clientIp).toBe('127.0.0.1');
  });
});

describe('POST /v1/purchases behind a trusted proxy', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({ trustedProxies: ['127.0.0.1'] });
  });
  afterAll(() => t.close());

  it('records the rightmost untrusted X-Forwarded-For hop', async () => {
    const s = await login(t.url, 'proxy');
    const r = report(s.openid);
    await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r] }, headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.23' } });
    const claimed = await t.relay.storage.claimDue('tianmu', Date.now() + 1000, 100, 60_000);
    expect(claimed.find((c) => c.purchase.report.orderId === r.orderId)?.purchase.clientIp).toBe('198.51.100.23');
  });
});

describe('POST /v1/purchases when storage fails', () => {
  it('answers 503 and acknowledges nothing', async () => {
    const t = await startTestRelay();
    try {
      const s = await login(t.url, 'broken');
      await t.relay.storage.close();
      const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [report(s.openid)] } });
      expect(a.status).toBe(503);
      expect(a.body.error.code).toBe('STORAGE_UNAVAILABLE');
      expect(a.body.results).toBeUndefined();
      expect(a.headers.get('retry-after')).toBe('1');
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});

describe('createRelay start/stop', () => {
  it('shares one start between concurrent calls, and can start again after stop on the same storage', async () => {
    const t = await startTestRelay();
    try {
      const again = await Promise.all([t.relay.start(), t.relay.start()]);
      expect(again).toEqual([t.url, t.url]);
      const s = await login(t.url, 'restart');
      const r = report(s.openid);
      await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r] } });
      await t.relay.stop();
      const url = await t.relay.start();
      const dup = await call(url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r] } });
      expect(dup.body.results[0].status).toBe('duplicate');
    } finally {
      await t.close();
    }
  });
});
