import type { CatalogService } from '../../../src/relay/catalog/catalog-service';
import { catalogUdid } from '../../../src/relay/catalog/catalog-udid';
import { APP_ID, call, login, startTestRelay, type TestRelay } from './relay-test-kit';

describe('CORS, catalog and extra routes', () => {
  let t: TestRelay;
  const asked: Array<[string, string]> = [];
  let exploding = '';
  const catalog: CatalogService = {
    async get(appId, udid) {
      asked.push([appId, udid]);
      if (udid === exploding) throw new Error('source down');
      return { status: 200, body: { packs: [], stale: false }, headers: { 'x-catalog': '1' } };
    },
  };
  beforeAll(async () => {
    t = await startTestRelay({}, {
      catalog,
      extraRoutes: [
        { method: 'GET', prefix: '/demo', handle: (_req, res) => void res.end('demo page') },
        { method: 'GET', prefix: '/boom', handle: () => { throw new Error('extra route bug'); } },
      ],
    });
  });
  afterAll(() => t.close());

  it('answers a preflight for /v1/* and sets Access-Control-Allow-Origin on /v1 answers', async () => {
    const pre = await call(t.url, 'OPTIONS', '/v1/purchases', { headers: { origin: 'http://localhost:7456', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const a = await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'c' } });
    expect(a.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("serves GET /v1/catalog through the catalog service, for the token's player, and 401 without a token", async () => {
    const s = await login(t.url, 'catalog-u1');
    const a = await call(t.url, 'GET', `/v1/catalog?appId=${APP_ID}&udid=u1`, { token: s.token });
    expect([a.status, a.body, a.headers.get('x-catalog')]).toEqual([200, { packs: [], stale: false }, '1']);
    expect(asked).toEqual([[APP_ID, catalogUdid(APP_ID, s.openid)]]);
    expect((await call(t.url, 'GET', `/v1/catalog?appId=${APP_ID}&udid=u1`)).status).toBe(401);
    const boom = await login(t.url, 'catalog-explode');
    exploding = catalogUdid(APP_ID, boom.openid);
    const down = await call(t.url, 'GET', '/v1/catalog', { token: boom.token });
    expect([down.status, down.body.error.code]).toEqual([502, 'CATALOG_UNAVAILABLE']);
  });

  it('mounts extra routes by prefix; a wrong method on them is 405; a throwing one is a JSON 500, not a crash', async () => {
    const a = await fetch(`${t.url}/demo/index.html`);
    expect([a.status, await a.text()]).toEqual([200, 'demo page']);
    expect((await call(t.url, 'POST', '/demo/x', { body: {} })).status).toBe(405);
    const boom = await call(t.url, 'GET', '/boom');
    expect([boom.status, boom.body.error.code]).toEqual([500, 'INTERNAL']);
    expect((await call(t.url, 'GET', '/healthz')).status).toBe(200);
  });
});
