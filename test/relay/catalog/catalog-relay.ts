import { FakeGameServer } from '../../fakes/game-server/fake-game-server';
import { APP_ID, startTestRelay, type TestRelay } from '../http/relay-test-kit';

/**
 * A relay whose game (`APP_ID`) takes its catalog from a fake game server answering `catalogFor(udid)`. Call it in a
 * `describe`: it starts both before the suite's tests and stops them after. `relay()` is the running relay.
 */
export function catalogRelay(catalogFor: (udid: string) => unknown): { game: FakeGameServer; relay(): TestRelay } {
  const game = new FakeGameServer(catalogFor);
  let t: TestRelay | undefined;
  beforeAll(async () => {
    await game.start();
    t = await startTestRelay({ games: [{ appId: APP_ID, catalog: { url: game.url, timeoutMs: 2000 } }] });
  });
  afterAll(async () => {
    await t?.close();
    await game.stop();
  });
  return {
    game,
    relay() {
      if (!t) throw new Error('the catalog relay starts in beforeAll: call relay() from a test');
      return t;
    },
  };
}
