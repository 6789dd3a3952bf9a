import fc from 'fast-check';
import { SinkRefusal } from '../../../src/relay/sinks/sink';
import { KAKAO_DEFAULT_URL, kakaoSink } from '../../../src/relay/sinks/kakao-sink';
import { KakaoRequestSchema } from '../../../src/relay/sinks/kakao-wire';
import { FakeKakao } from '../../fakes/upstreams/fake-kakao';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { arbitraryPurchase, fixtureGame, fixturePurchase, readFixture, send } from './sink-test-kit';

const game = fixtureGame({ kakao: 'http://127.0.0.1:1/service/v3/log/writePurchaseLog' });
const config = kakaoSink.configOf(game)!;
const request = (...args: Parameters<typeof fixturePurchase>) => kakaoSink.toRequest([fixturePurchase(...args)], config, game);
const body = (...args: Parameters<typeof fixturePurchase>) => JSON.parse(request(...args).body);

describe('Kakao mapping (specs/kakao-write-purchase-log.md)', () => {
  it('sends the five mandatory headers, secrets from the config', () => {
    expect(request({ playerId: '123412341234', country: 'KR' }).headers).toEqual({
      appId: '103815',
      appSecret: 'kakao-app-secret-951b75bf',
      playerId: '123412341234',
      'Content-Type': 'application/json;charset=UTF-8',
      Authorization: 'KakaoAK kakao-admin-key-11118035a3',
    });
  });

  it("has the example request's keys with the same JSON types (grade aside: the relay knows no grade)", () => {
    const example = readFixture<Record<string, unknown>>('kakao-write-purchase-log.request.json');
    const ours = body({ country: 'KR', level: 21 });
    for (const [k, v] of Object.entries(example)) {
      if (k === 'grade') continue;
      expect([k, typeof ours[k]]).toEqual([k, typeof v]);
    }
    expect(Object.keys(ours).sort()).toEqual(
      ['playerLv', 'currency', 'price', 'os', 'country', 'market', 'marketOrderId', 'marketProductId', 'marketPurchaseTime'].sort(),
    );
  });

  it('maps each field: marketOrderId is the order id, time in ms, country lower-case, market from config', () => {
    const paidAt = Date.parse('2025-12-31T15:30:00Z');
    expect(body({ country: 'KR', paidAt, level: 7 })).toEqual({
      playerLv: 7,
      currency: 'CNY',
      price: 20,
      os: 'android',
      country: 'kr',
      market: 'kakaogameShop',
      marketOrderId: '74a3a21ffca9b09d8def90a54a3014ca',
      marketProductId: '500.picsh.cre',
      marketPurchaseTime: paidAt,
    });
  });

  it.each([
    [999, 'CNY', 9.99],
    [1200, 'KRW', 1200],
    [1, 'JPY', 1],
    [1223, 'USD', 12.23],
    [1001, 'BHD', 1.001],
  ])('price of %i %s minor units is %s', (amount, currency, price) => {
    expect(body({ amount, currency, country: 'KR' }).price).toBe(price);
  });

  it('names the os as Kakao does', () => {
    expect(body({ country: 'KR', device: { type: 2 } }).os).toBe('ios');
    expect(body({ country: 'KR', device: { type: 3 } }).os).toBe('android');
    expect(body({ country: 'KR', device: { type: 1, os: 'Windows' } }).os).toBe('windows');
    expect(body({ country: 'KR', device: { type: 1 } }).os).toBe('other');
  });

  it('falls back to the openid for playerId, and to defaultCountry for country', () => {
    expect(request({ playerId: undefined, country: 'KR' }).headers.playerId).toBe('oI2nx3EUnScOMVVBJBYq-1234567');
    expect(request({ playerId: '玩家', country: 'KR' }).headers.playerId).toBe('oI2nx3EUnScOMVVBJBYq-1234567');
    const withDefault = fixtureGame({ kakao: 'http://127.0.0.1:1/x' }, { defaultCountry: 'CN' });
    const b = JSON.parse(kakaoSink.toRequest([fixturePurchase({ country: undefined })], kakaoSink.configOf(withDefault)!, withDefault).body);
    expect(b.country).toBe('cn');
  });

  it('refuses a purchase with no country and no default rather than inventing one', () => {
    const p = fixturePurchase({ country: undefined });
    expect(kakaoSink.refuse!(p, config, game)).toMatch(/country/);
    expect(() => kakaoSink.toRequest([p], config, game)).toThrow(SinkRefusal);
  });

  it('takes one purchase per request; capture mode targets the real host', () => {
    expect(kakaoSink.maxBatch(config)).toBe(1);
    const captured = fixtureGame();
    expect(kakaoSink.toRequest([fixturePurchase({ country: 'KR' })], kakaoSink.configOf(captured)!, captured).url).toBe(KAKAO_DEFAULT_URL);
  });

  it('builds a body the wire schema accepts for any purchase, or refuses exactly those without a country', () => {
    fc.assert(
      fc.property(arbitraryPurchase(), (p) => {
        const why = kakaoSink.refuse!(p, config, game);
        expect(why === undefined).toBe(p.report.country !== undefined);
        if (why !== undefined) return expect(() => kakaoSink.toRequest([p], config, game)).toThrow(SinkRefusal);
        const b = KakaoRequestSchema.parse(JSON.parse(kakaoSink.toRequest([p], config, game).body));
        expect(b.marketOrderId).toBe(p.report.orderId);
        expect(b.marketPurchaseTime).toBe(p.report.paidAt);
      }),
      { numRuns: 300 },
    );
  });

  describe('against the fake Kakao', () => {
    const fake = new FakeKakao({ appId: '103815', appSecret: 'kakao-app-secret-951b75bf', adminKey: 'kakao-admin-key-11118035a3' });
    let server: StartedFake;
    beforeAll(async () => (server = await fake.start()));
    afterAll(() => server.close());

    it('is accepted with a logId and classified delivered', async () => {
      const live = fixtureGame({ kakao: server.url });
      const res = await send(kakaoSink.toRequest([fixturePurchase({ orderId: 'k1', country: 'KR', playerId: '42' })], kakaoSink.configOf(live)!, live));
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).logId).toEqual(expect.any(String));
      expect(kakaoSink.classify(res)).toEqual({ outcome: 'delivered' });
      expect(fake.rejected).toEqual([]);
      expect(fake.logs).toEqual([{ playerId: '42', body: expect.objectContaining({ marketOrderId: 'k1', country: 'kr' }) }]);
    });
  });
});
