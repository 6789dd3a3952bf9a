import fc from 'fast-check';
import { classifyHive, hiveSink } from '../../../src/relay/sinks/hive-sink';
import { FakeHive } from '../../fakes/upstreams/fake-hive';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { arbitraryResponse, assertWellFormed, res } from './classify-kit';
import { fixtureGame, fixturePurchase, send } from './sink-test-kit';

describe('Hive classifier', () => {
  it.each([
    ['a plain 200', res(200, ''), 'delivered'],
    ['200 with JSON', res(200, { success: true }), 'delivered'],
    ['200 with an HTML body (success is the status)', res(200, '<html>ok</html>'), 'delivered'],
    ['200 with {success:false}', res(200, { success: false, message: 'unknown category key', requestBody: '{}' }), 'dead'],
    ['400 json parse error', res(400, { success: false, message: 'json parse error', requestBody: 'x' }), 'dead'],
    ['400 with garbage', res(400, '<html>'), 'dead'],
    ['401', res(401, ''), 'dead'],
    ['500 with {success:false}', res(500, { success: false, message: 'db down' }), 'retry'],
    ['502 HTML', res(502, '<html>Bad Gateway</html>'), 'retry'],
    ['503', res(503, ''), 'retry'],
    ['429', res(429, ''), 'retry'],
    ['204 (not Hive success)', res(204, ''), 'retry'],
    ['302', res(302, ''), 'dead'],
  ])('%s → %s', (_name, response, outcome) => {
    expect(classifyHive(response).outcome).toBe(outcome);
  });

  it("keeps Hive's message as the reason", () => {
    expect(classifyHive(res(400, { success: false, message: 'required field guid not found', requestBody: '{}' }))).toEqual({
      outcome: 'dead',
      reason: 'Hive HTTP 400: required field guid not found',
    });
  });

  it('never throws and always answers a well-formed outcome, whatever comes back', () => {
    fc.assert(fc.property(arbitraryResponse, (r) => assertWellFormed(classifyHive(r))), { numRuns: 2000 });
  });

  it('delivers only on status 200', () => {
    fc.assert(
      fc.property(arbitraryResponse, (r) => {
        if (classifyHive(r).outcome === 'delivered') expect(r.status).toBe(200);
      }),
      { numRuns: 2000 },
    );
  });

  describe('the fake Hive failing on purpose', () => {
    const fake = new FakeHive({ appId: 'com.example.game', categories: ['samplegame_purchase_log'] });
    let server: StartedFake;
    beforeAll(async () => (server = await fake.start()));
    afterAll(() => server.close());
    const request = (orderId: string) => {
      const game = fixtureGame({ hive: server.url });
      return hiveSink.toRequest([fixturePurchase({ orderId })], hiveSink.configOf(game)!, game);
    };

    it.each([
      ['500', 'retry'],
      ['429', 'retry'],
    ] as const)('%s → %s', async (mode, outcome) => {
      fake.failNext(1, mode);
      expect(hiveSink.classify(await send(request(`fail-${mode}`))).outcome).toBe(outcome);
      expect(fake.transactionIds()).not.toContain(`fail-${mode}`);
    });

    it('garbage after processing is delivered, and the fake did store the row', async () => {
      fake.failNext(1, 'garbage');
      expect(hiveSink.classify(await send(request('garbage-1'))).outcome).toBe('delivered');
      expect(fake.transactionIds()).toContain('garbage-1');
    });

    it('an unknown category is refused by the fake and dead with its message', async () => {
      const game = fixtureGame({ hive: server.url });
      const config = { ...hiveSink.configOf(game)!, gameShort: 'othergame' };
      const c = hiveSink.classify(await send(hiveSink.toRequest([fixturePurchase({ orderId: 'cat-1' })], config, game)));
      expect(c).toEqual({ outcome: 'dead', reason: expect.stringContaining('unknown category key othergame_purchase_log') });
    });
  });
});
