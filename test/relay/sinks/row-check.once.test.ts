import { hiveSink, kakaoSink, tianmuSink, SinkRefusal, type AnySink } from '../../../src/relay/sinks';
import type { GameConfig } from '../../../src/relay/config/config-schema';
import { fixtureGame, fixturePurchase } from './sink-test-kit';

/**
 * The sink loop asks `refuse` of each claimed row and then `toRequest` of the same purchase: each sink builds and
 * checks the row once for both. What is remembered must never outlive the config it was built with: a row checked
 * under one config and sent under another would carry the wrong fields, or pass a check it fails.
 */
describe('a sink builds and checks a row once for refuse and toRequest', () => {
  const game = fixtureGame({ tianmu: 'http://127.0.0.1:1/t', hive: 'http://127.0.0.1:1/h', kakao: 'http://127.0.0.1:1/k' }, { defaultCountry: 'kr' });
  const withSink = <N extends 'tianmu' | 'hive' | 'kakao'>(name: N, over: Partial<NonNullable<GameConfig['sinks'][N]>>): GameConfig => ({
    ...game,
    sinks: { ...game.sinks, [name]: { ...game.sinks[name]!, ...over } },
  });

  it.each<[string, AnySink, GameConfig, (body: string) => void]>([
    ['Tianmu: version', tianmuSink, withSink('tianmu', { version: '9.9.9' }), (b) => expect(JSON.parse(b).userLog.v).toBe('9.9.9')],
    ['Hive: game index', hiveSink, withSink('hive', { gameIndex: 77 }), (b) => expect(JSON.parse(b).logBody[0].game_index).toBe(77)],
    ['Kakao: market', kakaoSink, withSink('kakao', { market: 'zinny-test' }), (b) => expect(JSON.parse(b).market).toBe('zinny-test')],
  ])('%s: the request follows the config it is built with, not the one refuse saw', (_name, sink, other, check) => {
    const purchase = fixturePurchase();
    expect(sink.refuse!(purchase, sink.configOf(game), game)).toBeUndefined();
    check(sink.toRequest([purchase], sink.configOf(other), other).body);
  });

  it('a row refused under one config is checked again under another, and the other way round', () => {
    const purchase = fixturePurchase();
    const martian = withSink('hive', { serverId: 'MARS' });
    expect(hiveSink.refuse!(purchase, game.sinks.hive!, game)).toBeUndefined();
    expect(() => hiveSink.toRequest([purchase], martian.sinks.hive!, martian)).toThrow(SinkRefusal);
    expect(hiveSink.refuse!(purchase, martian.sinks.hive!, martian)).toMatch(/server_id/);
    expect(JSON.parse(hiveSink.toRequest([purchase], game.sinks.hive!, game).body).logBody[0].server_id).toBe('CN');
  });

  it('the same purchase and config give the same request as a fresh build', () => {
    for (const sink of [tianmuSink, hiveSink, kakaoSink] as AnySink[]) {
      const checked = fixturePurchase();
      sink.refuse!(checked, sink.configOf(game), game);
      expect(sink.toRequest([checked], sink.configOf(game), game)).toEqual(sink.toRequest([fixturePurchase()], sink.configOf(game), game));
    }
  });
});
