import fc from 'fast-check';
import { SinkRefusal } from '../../../src/relay/sinks/sink';
import { TIANMU_DEFAULT_URL, tianmuSink } from '../../../src/relay/sinks/tianmu-sink';
import { TianmuRequestSchema } from '../../../src/relay/sinks/tianmu-wire';
import { FakeTianmu } from '../../fakes/upstreams/fake-tianmu';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { arbitraryPurchase, fixtureGame, fixturePurchase, readFixture, send } from './sink-test-kit';

const config = (game = fixtureGame({ tianmu: 'http://127.0.0.1:1/t' })) => tianmuSink.configOf(game)!;

describe('Tianmu mapping (specs/tianmu-in-game-payment.md)', () => {
  it('maps the example purchase to exactly the page example, byte for byte', () => {
    const game = fixtureGame({ tianmu: 'http://127.0.0.1:1/t' });
    const req = tianmuSink.toRequest([fixturePurchase()], config(game), game);
    expect(req.body).toBe(JSON.stringify(readFixture('tianmu-pay.request.json')));
  });

  it('posts JSON with Content-Type as the only header, to the configured url', () => {
    const game = fixtureGame({ tianmu: 'http://127.0.0.1:1/t' });
    const req = tianmuSink.toRequest([fixturePurchase()], config(game), game);
    expect(req).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:1/t', headers: { 'Content-Type': 'application/json' } });
    expect(Object.keys(req.headers)).toEqual(['Content-Type']);
  });

  it('in capture mode builds the request for the real endpoint', () => {
    const game = fixtureGame();
    expect(tianmuSink.toRequest([fixturePurchase()], config(game), game).url).toBe(TIANMU_DEFAULT_URL);
  });

  it('takes v from the config, is_first_pay and user_ip from the relay, pay_type and device_type from the report', () => {
    const game = fixtureGame();
    const c = { ...config(game), version: '2.3.0' };
    const p = fixturePurchase({ payType: 3, device: { type: 2 } }, { isFirstPay: false, clientIp: '10.1.2.3' });
    const { userLog } = JSON.parse(tianmuSink.toRequest([p], c, game).body);
    expect(userLog.v).toBe('2.3.0');
    expect(userLog.ext).toMatchObject({ is_first_pay: false, user_ip: '10.1.2.3', pay_type: 3, device_type: 2 });
  });

  it('leaves out the optional fields the report lacks instead of sending null', () => {
    const game = fixtureGame();
    const p = fixturePurchase({ zone: undefined, goodsName: undefined, gameUid: undefined, gameNickname: undefined, netType: undefined, scene: undefined, device: { type: 1 } });
    const { ext } = JSON.parse(tianmuSink.toRequest([p], config(game), game).body).userLog;
    expect(Object.keys(ext).sort()).toEqual(['app_id', 'device_type', 'is_first_pay', 'order_code', 'pay_amount', 'pay_type', 'type', 'uid', 'user_ip'].sort());
  });

  it('sends pay_amount in fen: 999 fen stays 999, never 9.99', () => {
    const game = fixtureGame();
    const { ext } = JSON.parse(tianmuSink.toRequest([fixturePurchase({ amount: 999 })], config(game), game).body).userLog;
    expect(ext.pay_amount).toBe(999);
  });

  it('refuses a purchase that is not in CNY (pay_amount is fen of CNY) and never builds its request', () => {
    const game = fixtureGame();
    const usd = fixturePurchase({ amount: 199, currency: 'USD' });
    expect(tianmuSink.refuse!(usd, config(game), game)).toMatch(/fen of CNY only.*USD/);
    expect(() => tianmuSink.toRequest([usd], config(game), game)).toThrow(SinkRefusal);
    expect(tianmuSink.refuse!(fixturePurchase(), config(game), game)).toBeUndefined();
  });

  it('takes one purchase per request', () => {
    const game = fixtureGame();
    expect(tianmuSink.maxBatch(config(game))).toBe(1);
    expect(() => tianmuSink.toRequest([fixturePurchase(), fixturePurchase()], config(game), game)).toThrow(RangeError);
  });

  it('builds a request the wire schema accepts for every CNY purchase, with order_code = orderId and pay_amount = amount', () => {
    const game = fixtureGame();
    fc.assert(
      fc.property(arbitraryPurchase(['CNY']), (p) => {
        const parsed = TianmuRequestSchema.parse(JSON.parse(tianmuSink.toRequest([p], config(game), game).body));
        expect(parsed.userLog.ext.order_code).toBe(p.report.orderId);
        expect(parsed.userLog.ext.pay_amount).toBe(p.report.amount);
        expect(parsed.userLog.ext.uid).toBe(p.report.uid);
      }),
      { numRuns: 300 },
    );
  });

  describe('against the fake Tianmu', () => {
    const fake = new FakeTianmu();
    let server: StartedFake;
    beforeAll(async () => (server = await fake.start()));
    afterAll(() => server.close());

    it('is accepted (code 0) and classified delivered', async () => {
      const game = fixtureGame({ tianmu: server.url });
      const res = await send(tianmuSink.toRequest([fixturePurchase({ orderId: 'order-live-1' })], config(game), game));
      expect(JSON.parse(res.body)).toEqual({ code: 0, data: {} });
      expect(tianmuSink.classify(res)).toEqual({ outcome: 'delivered' });
      expect(fake.orderCodes()).toEqual(['order-live-1']);
      expect(fake.rejected).toEqual([]);
    });
  });
});
