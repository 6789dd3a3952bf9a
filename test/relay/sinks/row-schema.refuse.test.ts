import { hiveSink, kakaoSink, tianmuSink, SinkRefusal, type AnySink, type StoredPurchase } from '../../../src/relay/sinks';
import type { GameConfig } from '../../../src/relay/config/config-schema';
import { fixtureGame, fixturePurchase } from './sink-test-kit';

/**
 * Each sink checks its own row against its wire schema before any request: a purchase stored before the report
 * schema was bounded (or a config the upstream cannot take) is refused alone, with the column named, instead of
 * being sent to fail at the upstream and take its batch with it. `toRequest` throws a `SinkRefusal` for it too.
 */
describe('sinks refuse a row their own wire schema refuses', () => {
  const game = fixtureGame({ kakao: 'http://127.0.0.1:1/k' }, { defaultCountry: 'kr' });
  const withHive = (over: Partial<NonNullable<GameConfig['sinks']['hive']>>): GameConfig => ({ ...game, sinks: { ...game.sinks, hive: { ...game.sinks.hive!, ...over } } });

  it.each<[string, AnySink, StoredPurchase, GameConfig, RegExp]>([
    ['Hive: paidAt 2^53-1 (dateTime NaN-NaN-NaN)', hiveSink, fixturePurchase({ paidAt: Number.MAX_SAFE_INTEGER }), game, /^Hive would refuse this row: dateTime: /],
    ['Hive: a server id outside the code table', hiveSink, fixturePurchase(), withHive({ serverId: 'MARS' }), /server_id/],
    ['Hive: a game index beyond smallint', hiveSink, fixturePurchase(), withHive({ gameIndex: 70_000 }), /game_index/],
    ['Tianmu: a fractional fen amount', tianmuSink, fixturePurchase({ amount: 1.5 }), game, /^Tianmu would refuse this row: userLog\.ext\.pay_amount: /],
    ['Tianmu: an empty uid', tianmuSink, fixturePurchase({ uid: '' }), game, /uid/],
    ['Kakao: a purchase time before the epoch', kakaoSink, fixturePurchase({ paidAt: -1 }), game, /^Kakao would refuse this row: marketPurchaseTime: /],
    ['Kakao: an empty product id', kakaoSink, fixturePurchase({ productId: '' }), game, /marketProductId/],
  ])('%s', (_name, sink, purchase, g, reason) => {
    const config = sink.configOf(g);
    expect(sink.refuse!(purchase, config, g)).toMatch(reason);
    expect(() => sink.toRequest([purchase], config, g)).toThrow(SinkRefusal);
    // The fixture itself passes.
    expect(sink.refuse!(fixturePurchase(), sink.configOf(game), game)).toBeUndefined();
  });

  it('Hive refuses a whole request when one of its rows is refused, naming the order', () => {
    const poison = fixturePurchase({ orderId: 'poison', paidAt: Number.MAX_SAFE_INTEGER });
    expect(() => hiveSink.toRequest([fixturePurchase(), poison], game.sinks.hive!, game)).toThrow(/^poison: Hive would refuse this row: dateTime/);
  });
});
