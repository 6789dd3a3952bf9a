import fc from 'fast-check';
import { classifyTianmu, tianmuSink } from '../../../src/relay/sinks/tianmu-sink';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { FakeTianmu } from '../../fakes/upstreams/fake-tianmu';
import { arbitraryResponse, assertWellFormed, res } from './classify-kit';
import { fixtureGame, fixturePurchase, send } from './sink-test-kit';

describe('Tianmu classifier', () => {
  it.each([
    ['code 0', res(200, { code: 0, data: {} }), 'delivered'],
    ['code 0 without data', res(200, { code: 0 }), 'delivered'],
    ['code 10001 (parameter error)', res(200, { code: 10001, data: {} }), 'dead'],
    ['an undocumented code', res(200, { code: 50000, data: {} }), 'retry'],
    ['code as a string', res(200, { code: '0' }), 'retry'],
    ['an HTML page with 200', res(200, '<html>busy</html>'), 'retry'],
    ['an empty 200', res(200, ''), 'retry'],
    ['a JSON array', res(200, []), 'retry'],
    ['500', res(500, 'oops'), 'retry'],
    ['502 HTML', res(502, '<html>Bad Gateway</html>'), 'retry'],
    ['503', res(503, ''), 'retry'],
    ['429', res(429, ''), 'retry'],
    ['408', res(408, ''), 'retry'],
    ['400', res(400, '{"code":400}'), 'dead'],
    ['404', res(404, 'not found'), 'dead'],
    ['301 (wrong url)', res(301, ''), 'dead'],
  ])('%s → %s', (_name, response, outcome) => {
    expect(classifyTianmu(response).outcome).toBe(outcome);
  });

  it('names the code and the body in the reason', () => {
    const c = classifyTianmu(res(200, { code: 10001, data: {}, msg: '参数错误' }));
    expect(c).toEqual({ outcome: 'dead', reason: expect.stringContaining('10001') });
    expect((c as { reason: string }).reason).toContain('参数错误');
  });

  it('never throws and always answers a well-formed outcome, whatever comes back', () => {
    fc.assert(fc.property(arbitraryResponse, (r) => assertWellFormed(classifyTianmu(r))), { numRuns: 2000 });
  });

  it('delivers only on a numeric code 0 with a 2xx', () => {
    fc.assert(
      fc.property(arbitraryResponse, (r) => {
        if (classifyTianmu(r).outcome !== 'delivered') return;
        expect(r.status).toBeGreaterThanOrEqual(200);
        expect(r.status).toBeLessThan(300);
        expect(JSON.parse(r.body).code).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  describe('the fake Tianmu failing on purpose', () => {
    const fake = new FakeTianmu();
    let server: StartedFake;
    beforeAll(async () => (server = await fake.start()));
    afterAll(() => server.close());
    const request = (orderId: string) => {
      const game = fixtureGame({ tianmu: server.url });
      return tianmuSink.toRequest([fixturePurchase({ orderId })], tianmuSink.configOf(game)!, game);
    };

    it.each([
      ['10001', 'dead'],
      ['500', 'retry'],
      ['429', 'retry'],
    ] as const)('%s → %s, and nothing is recorded', async (mode, outcome) => {
      fake.failNext(1, mode);
      const before = fake.accepted.length;
      expect(tianmuSink.classify(await send(request(`fail-${mode}`))).outcome).toBe(outcome);
      expect(fake.accepted.length).toBe(before);
    });

    it('every garbage body the fake can send is retried, never delivered', async () => {
      for (let i = 0; i < 6; i++) {
        fake.failNext(1, 'garbage');
        const c = tianmuSink.classify(await send(request(`garbage-${i}`)));
        expect(c.outcome).toBe('retry');
      }
      expect(fake.orderCodes().filter((o) => o.startsWith('garbage'))).toEqual([]);
    });

    it('a request the fake finds malformed comes back as 10001 and is dead', async () => {
      const r = request('malformed');
      const broken = JSON.parse(r.body);
      broken.userLog.ext.pay_amount = '2000';
      const c = tianmuSink.classify(await send({ ...r, body: JSON.stringify(broken) }));
      expect(c).toEqual({ outcome: 'dead', reason: expect.stringContaining('pay_amount') });
    });
  });
});
