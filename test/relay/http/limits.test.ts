import { request } from 'node:http';
import { APP_ID, call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

/** Sends `size` bytes as a chunked body (no Content-Length), so the limit must be enforced while reading. */
function postChunked(url: string, path: string, token: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url + path);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('limits and protocol errors', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({ limits: { bodyBytes: 64 * 1024, perIpPerMinute: 10_000, perOpenidPerMinute: 5 } });
  });
  afterAll(() => t.close());

  it('answers 413 for a declared Content-Length over the limit', async () => {
    const s = await login(t.url, 'big');
    const big = JSON.stringify({ reports: [report(s.openid, { goodsName: 'x'.repeat(100) })], pad: 'y'.repeat(70 * 1024) });
    const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: big });
    expect(a.status).toBe(413);
    expect(a.body.error.code).toBe('BODY_TOO_LARGE');
  });

  it('answers 413 for a chunked body as soon as it crosses the limit', async () => {
    const s = await login(t.url, 'chunked');
    const a = await postChunked(t.url, '/v1/purchases', s.token, 1024 * 1024);
    expect(a.status).toBe(413);
    expect(JSON.parse(a.body).error.code).toBe('BODY_TOO_LARGE');
  });

  it('answers 415 for a body that is not application/json', async () => {
    const s = await login(t.url, 'ct');
    const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: JSON.stringify({ reports: [report(s.openid)] }), headers: { 'content-type': 'text/plain' } });
    expect(a.status).toBe(415);
    expect(a.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' });
  });

  it('answers 404 for an unknown route and 405 with Allow for a wrong method', async () => {
    const nf = await call(t.url, 'GET', '/v2/nothing');
    expect(nf.status).toBe(404);
    expect(nf.body.error.code).toBe('NOT_FOUND');
    const wm = await call(t.url, 'GET', '/v1/purchases');
    expect(wm.status).toBe(405);
    expect(wm.headers.get('allow')).toBe('POST');
    expect(wm.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 429 with Retry-After past the per-openid rate, without storing the refused batch', async () => {
    const s = await login(t.url, 'rate-openid');
    const statuses: number[] = [];
    let refused: { headers: Headers; orderId: string } | undefined;
    for (let i = 0; i < 7; i++) {
      const r = report(s.openid);
      const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [r] } });
      statuses.push(a.status);
      if (a.status === 429) refused = { headers: a.headers, orderId: r.orderId };
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const rows = await t.relay.storage.listDeliveries({ appId: APP_ID, limit: 10_000 });
    expect(rows.some((d) => d.orderId === refused!.orderId)).toBe(false);
    // Another user of the same IP is not limited by this one.
    const other = await login(t.url, 'rate-openid-2');
    expect((await call(t.url, 'POST', '/v1/purchases', { token: other.token, body: { reports: [report(other.openid)] } })).status).toBe(200);
  });
});

describe('per-IP rate limit', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({ limits: { bodyBytes: 64 * 1024, perIpPerMinute: 4, perOpenidPerMinute: 100 } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once an address spent its bucket; health and metrics stay reachable', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: `c${i}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'c' } });
    expect(a.body.error.code).toBe('RATE_LIMITED');
    expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call(t.url, 'GET', '/healthz')).status).toBe(200);
    expect((await call(t.url, 'GET', '/metrics')).status).toBe(200);
  });
});

describe('per-IP rate limit behind a trusted proxy', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({ trustedProxies: ['127.0.0.1'], limits: { bodyBytes: 64 * 1024, perIpPerMinute: 2, perOpenidPerMinute: 100 } });
  });
  afterAll(() => t.close());

  it('limits each forwarded client on its own, not the proxy as one client', async () => {
    const post = (xff: string) => call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'c' }, headers: { 'x-forwarded-for': xff } });
    expect([(await post('198.51.100.1')).status, (await post('198.51.100.1')).status, (await post('198.51.100.1')).status]).toEqual([200, 200, 429]);
    expect([(await post('198.51.100.2')).status, (await post('198.51.100.2')).status]).toEqual([200, 200]);
    // A client cannot dodge its limit by prepending hops: the rightmost untrusted hop is what counts.
    expect((await post('203.0.113.77, 198.51.100.1')).status).toBe(429);
  });
});
