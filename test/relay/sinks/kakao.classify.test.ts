import fc from 'fast-check';
import { classifyKakao, kakaoSink } from '../../../src/relay/sinks/kakao-sink';
import { FakeKakao } from '../../fakes/upstreams/fake-kakao';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { arbitraryResponse, assertWellFormed, res } from './classify-kit';
import { fixtureGame, fixturePurchase, send } from './sink-test-kit';

describe('Kakao classifier', () => {
  it.each([
    ['200 {logId}', res(200, { logId: '9a57db20-0472-11e5-aed4-b182048b2fd8' }), 'delivered'],
    ['200 with garbage (the status is the verdict)', res(200, '<html>'), 'delivered'],
    ['400', res(400, ''), 'dead'],
    ['401', res(401, ''), 'dead'],
    ['406', res(406, ''), 'dead'],
    ['461 invalid message box', res(461, ''), 'dead'],
    ['404', res(404, ''), 'dead'],
    ['500', res(500, ''), 'retry'],
    ['503', res(503, ''), 'retry'],
    ['429', res(429, ''), 'retry'],
    ['502 HTML', res(502, '<html>'), 'retry'],
  ])('%s → %s', (_name, response, outcome) => {
    expect(classifyKakao(response).outcome).toBe(outcome);
  });

  it('never throws and always answers a well-formed outcome, whatever comes back', () => {
    fc.assert(fc.property(arbitraryResponse, (r) => assertWellFormed(classifyKakao(r))), { numRuns: 2000 });
  });

  it('puts the status and the body in the reason', () => {
    expect(classifyKakao(res(401, { status: 401, message: 'Unauthenticated' }))).toEqual({
      outcome: 'dead',
      reason: 'Kakao HTTP 401: {"status":401,"message":"Unauthenticated"}',
    });
  });

  describe('the fake Kakao failing on purpose', () => {
    const fake = new FakeKakao({ appId: '103815', appSecret: 'kakao-app-secret-951b75bf', adminKey: 'kakao-admin-key-11118035a3' });
    let server: StartedFake;
    beforeAll(async () => (server = await fake.start()));
    afterAll(() => server.close());
    const game = () => fixtureGame({ kakao: server.url });
    const request = (orderId: string) => kakaoSink.toRequest([fixturePurchase({ orderId, country: 'CN' })], kakaoSink.configOf(game())!, game());

    it.each([
      ['400', 'dead'],
      ['401', 'dead'],
      ['406', 'dead'],
      ['500', 'retry'],
      ['429', 'retry'],
    ] as const)('%s → %s, and nothing is recorded', async (mode, outcome) => {
      fake.failNext(1, mode);
      expect(kakaoSink.classify(await send(request(`fail-${mode}`))).outcome).toBe(outcome);
      expect(fake.countOf(`fail-${mode}`)).toBe(0);
    });

    it('a wrong admin key is a 401 from the fake and dead', async () => {
      const config = { ...kakaoSink.configOf(game())!, adminKey: 'not-the-key-000000' };
      const r = kakaoSink.toRequest([fixturePurchase({ orderId: 'bad-key', country: 'CN' })], config, game());
      expect(kakaoSink.classify(await send(r))).toEqual({ outcome: 'dead', reason: expect.stringMatching(/^Kakao HTTP 401/) });
    });

    it('garbage after processing is delivered, and the fake did record the log', async () => {
      fake.failNext(1, 'garbage');
      expect(kakaoSink.classify(await send(request('garbage-1'))).outcome).toBe('delivered');
      expect(fake.countOf('garbage-1')).toBe(1);
    });
  });
});
