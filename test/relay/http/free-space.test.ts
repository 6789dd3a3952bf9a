import { join } from 'node:path';
import { call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

/**
 * `storage.minFreeBytes`: below that much free space on the SQLite database's file system the relay stops taking
 * reports (503 with Retry-After; the client keeps them queued) and `/healthz` says why, rather than running the disk
 * full under a write. The free-space probe is an input: the tests give a fake one, and one test the real one.
 */
describe('storage free-space floor', () => {
  describe('with a fake probe', () => {
    let t: TestRelay;
    let free = 10 * 1024 ** 3;
    let clock = Date.now();
    const probed: string[] = [];
    beforeAll(async () => {
      t = await startTestRelay({}, {
        now: () => clock,
        freeSpaceProbe: async (dir) => {
          probed.push(dir);
          return free;
        },
      });
    });
    afterAll(() => t.close());

    it('answers 503 with Retry-After below the floor, stores nothing, says why on /healthz, and recovers', async () => {
      const s = await login(t.url, 'disk');
      expect((await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [report(s.openid)] } })).status).toBe(200);
      expect((await call(t.url, 'GET', '/healthz')).status).toBe(200);
      expect(probed[0]).toBe(t.dir);

      free = 100 * 1024 ** 2;
      clock += 2000; // past the probe's cache
      const low = report(s.openid);
      const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [low] } });
      expect(a.status).toBe(503);
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(a.body.error).toMatchObject({ code: 'STORAGE_LOW_SPACE', message: expect.stringMatching(/storage\.minFreeBytes/) });
      expect((await t.relay.storage.listDeliveries({ limit: 100 })).some((d) => d.orderId === low.orderId)).toBe(false);
      const h = await call(t.url, 'GET', '/healthz');
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ ok: false, reason: expect.stringMatching(/104857600 bytes free.*storage\.minFreeBytes 268435456/) });
      expect(t.logLines.some((l) => /STORAGE_LOW_SPACE/.test(l))).toBe(true);

      free = 10 * 1024 ** 3;
      clock += 2000;
      expect((await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [low] } })).body.results[0].status).toBe('accepted');
      expect((await call(t.url, 'GET', '/healthz')).status).toBe(200);
    });

    it('asks the file system at most about once a second', async () => {
      const before = probed.length;
      for (let i = 0; i < 20; i++) await call(t.url, 'GET', '/healthz');
      expect(probed.length - before).toBeLessThanOrEqual(1);
    });
  });

  describe('with the real probe', () => {
    let t: TestRelay;
    beforeAll(async () => {
      // 4 PiB: more than any real disk has free.
      t = await startTestRelay((dir) => ({ storage: { sqlite: join(dir, 'relay.db'), minFreeBytes: 2 ** 52 } }));
    });
    afterAll(() => t.close());

    it('refuses reports and reports not-ok when the floor is above the real free space', async () => {
      const s = await login(t.url, 'real-disk');
      const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [report(s.openid)] } });
      expect(a.status).toBe(503);
      expect(a.body.error.code).toBe('STORAGE_LOW_SPACE');
      const h = await call(t.url, 'GET', '/healthz');
      expect(h.status).toBe(503);
      expect(h.body.ok).toBe(false);
      expect((await t.relay.storage.stats()).purchases).toBe(0);
    });
  });
});
