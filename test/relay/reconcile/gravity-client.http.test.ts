import { fetchOrderPage } from '../../../src/relay/reconcile/gravity-client';
import { gravityJwt } from '../../../src/relay/reconcile/gravity-jwt';
import { gravitySign } from '../../../src/relay/reconcile/gravity-sign';
import { runReconcile } from '../../../src/relay/reconcile/reconcile-run';
import { ReconcileError } from '../../../src/relay/reconcile/reconcile-error';
import { FakeGravity } from '../../fakes/gravity/fake-gravity';
import { FakeClock } from './helpers/fake-clock';
import { RELAY_APP, tempDb } from './helpers/relay-store';

const KEY = 'gk_client_key';
const orders = Array.from({ length: 30 }, (_, i) => ({ orderId: `o${i}`, amount: 100 + i, payEventTime: `2025-03-01 10:00:${String(i).padStart(2, '0')}`, status: '回传成功' }));

describe('Gravity client against the fake over HTTP', () => {
  const clock = new FakeClock(Date.UTC(2025, 2, 2));
  const fake = new FakeGravity({ apps: [{ appId: 7, appKey: KEY, orders }], minCallIntervalMs: 600_000, now: clock.now });
  const db = tempDb();
  const q = () => ({ url: fake.url, appId: 7, appKey: KEY, fromDay: '2025-03-01', toDay: '2025-03-01', page: 1, pageSize: 20 });
  beforeAll(() => fake.start());
  afterAll(async () => {
    await fake.close();
    await db.cleanup();
  });
  beforeEach(() => {
    clock.t += 3600_000; // every test starts outside the fake's interval
  });

  it('is accepted: sign and JWT recomputed by the fake, PayEventTime filter and ordering sent', async () => {
    const r = await fetchOrderPage(q());
    expect(r.ok && r.page).toMatchObject({ page: 1, totalPages: 2, totalNumber: 30 });
    const body = fake.calls.slice(-1)[0].body!;
    expect(body).toMatchObject({ app_id: 7, user_filtering: {}, event_filtering: { PayEventTime: ['2025-03-01', '2025-03-01'] }, order_by_list: [{ field: 'PayEventTime', sort: 0 }], page: 1, page_size: 20 });
    expect(body.sign).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a wrong app key is an auth failure, not retried', async () => {
    const r = await fetchOrderPage({ ...q(), appKey: 'not-the-key' });
    expect(r).toMatchObject({ ok: false, kind: 'auth', retryable: false, httpStatus: 401 });
    expect(fake.calls.slice(-1)[0].msg).toBe('sign 校验失败');
    // The secret never appears in what the caller would log.
    expect(JSON.stringify(r)).not.toContain('not-the-key');
  });

  it('the fake refuses a right sign with a JWT signed by anything else, or carrying another payload', async () => {
    const body: Record<string, unknown> = { app_id: 7, user_filtering: {}, event_filtering: {}, page: 1, page_size: 20 };
    body.sign = gravitySign(body, KEY);
    const send = async (authorization: string) => {
      const res = await fetch(fake.url, { method: 'POST', headers: { authorization }, body: JSON.stringify(body) });
      return [res.status, ((await res.json()) as { msg: string }).msg];
    };
    expect(await send(gravityJwt(KEY, 'f'.repeat(32)))).toEqual([401, 'Authorization 签名错误']);
    expect(await send(gravityJwt('someone-else', body.sign as string))).toEqual([401, 'Authorization app_key 错误']);
    expect(await send('')).toEqual([401, '缺少 Authorization']);
  });

  it('a call inside the interval is refused by the fake as rate-limited', async () => {
    expect((await fetchOrderPage(q())).ok).toBe(true);
    clock.t += 1000;
    expect(await fetchOrderPage(q())).toMatchObject({ ok: false, kind: 'rate-limited', retryable: true, httpStatus: 429, code: 429 });
  });

  it('refuses to build a request with page_size above 500, and the fake refuses one too', async () => {
    const before = fake.calls.length;
    await expect(fetchOrderPage({ ...q(), pageSize: 501 })).rejects.toThrow(RangeError);
    expect(fake.calls.length).toBe(before);
    // A correctly signed call with page_size 501, sent by hand.
    const body: Record<string, unknown> = { app_id: 7, user_filtering: {}, event_filtering: {}, page: 1, page_size: 501 };
    body.sign = gravitySign(body, KEY);
    const res = await fetch(fake.url, { method: 'POST', headers: { authorization: gravityJwt(KEY, body.sign as string) }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 400, msg: 'page_size 最大支持 500' });
  });

  it('garbage, a 5xx and a hang are classified, never thrown', async () => {
    fake.injectFault('garbage');
    expect(await fetchOrderPage(q())).toMatchObject({ ok: false, kind: 'bad-response' });
    clock.t += 3600_000;
    fake.injectFault('server-error');
    expect(await fetchOrderPage(q())).toMatchObject({ ok: false, kind: 'upstream', retryable: true, httpStatus: 500 });
    clock.t += 3600_000;
    fake.injectFault('bad-row');
    expect(await fetchOrderPage(q())).toMatchObject({ ok: false, kind: 'bad-response', retryable: false });
    clock.t += 3600_000;
    fake.injectFault('hang');
    const r = await fetchOrderPage({ ...q(), timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, kind: 'network', retryable: true });
    expect(r.ok === false && r.message).toMatch(/no answer within 200 ms/);
  });

  it('a closed port is a network failure', async () => {
    const r = await fetchOrderPage({ ...q(), url: 'http://127.0.0.1:1/openapi/api/v1/report/order/list/' });
    expect(r).toMatchObject({ ok: false, kind: 'network', retryable: true });
  });

  it('a run retries a 5xx one interval later and finishes; an auth failure stops it with a classified error', async () => {
    const store = await db.open();
    const gravity = { url: fake.url, appId: 7, appKey: KEY, minCallIntervalSeconds: 600 };
    fake.injectFault('server-error');
    const before = fake.calls.length;
    const texts: string[] = [];
    const out = await runReconcile({ appId: RELAY_APP, gravity, store, fromDay: '2025-03-01', toDay: '2025-03-01', pageSize: 20, clock, onProgress: (p) => texts.push(p.text) });
    const mine = fake.calls.slice(before);
    expect(mine.map((c) => [c.page, c.status])).toEqual([[1, 500], [1, 200], [2, 200]]);
    expect(mine[1].at - mine[0].at).toBe(602_000); // the interval and its 2 s margin
    expect(texts[0]).toMatch(/^page 1: Gravity server error \(HTTP 500, code 500: 服务器内部错误\); retry 1\/3 after the interval$/);
    expect(out.report.counts.missingInRelay).toBe(30);

    clock.t += 3600_000;
    const err = await runReconcile({ appId: RELAY_APP, gravity: { ...gravity, appKey: 'wrong' }, store, fromDay: '2025-03-02', toDay: '2025-03-02', clock }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReconcileError);
    expect((err as ReconcileError).code).toBe('auth');
  });

  it('gives up after the retries when the upstream keeps failing, keeping what it fetched', async () => {
    const store = await db.open();
    fake.faultOnPage(2, 'server-error');
    const gravity = { url: fake.url, appId: 7, appKey: KEY, minCallIntervalSeconds: 600 };
    const err = await runReconcile({ appId: RELAY_APP, gravity, store, fromDay: '2025-03-01', toDay: '2025-03-01', pageSize: 20, clock, fresh: true, maxRetriesPerPage: 2 }).catch((e: unknown) => e);
    expect((err as ReconcileError).code).toBe('gave-up');
    fake.faultOnPage(2, undefined);
    const before = fake.calls.length;
    await runReconcile({ appId: RELAY_APP, gravity, store, fromDay: '2025-03-01', toDay: '2025-03-01', pageSize: 20, clock });
    expect(fake.calls.slice(before).map((c) => c.page)).toEqual([2]);
  });
});
