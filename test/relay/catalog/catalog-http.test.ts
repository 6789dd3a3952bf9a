import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { createRelay, type Relay } from '../../../src/relay/relay-app';
import { catalogProblem } from '../../../src/client/catalog/catalog-guard';
import { FakeGameServer } from '../../fakes/game-server/fake-game-server';
import { specSample } from './catalog-fixtures';

const APP = 'wx1234567891234567';

async function sessionToken(url: string, code: string): Promise<string> {
  const res = await fetch(`${url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: APP, code }) });
  return ((await res.json()) as { token: string }).token;
}

/** The whole path over real HTTP: relay on SQLite, its default catalog service, the fake game server behind it. */
describe('GET /v1/catalog through the relay', () => {
  const game = new FakeGameServer(() => specSample());
  let relay: Relay;
  let dir: string;

  beforeAll(async () => {
    await game.start();
    dir = mkdtempSync(join(tmpdir(), 'catalog-http-'));
    const config = RelayConfigSchema.parse({
      port: 0,
      storage: { sqlite: join(dir, 'relay.db') },
      session: { mode: 'sandbox', secret: 'x'.repeat(32) },
      games: [{ appId: APP, catalog: { url: game.url, timeoutMs: 500 } }],
    });
    relay = createRelay(config, { log: createRelayLogger({ level: 'silent' }), deliveries: false });
    await relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await game.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The catalog as the sandbox player of login code `player` sees it. */
  const get = async (player: string) => {
    const token = await sessionToken(relay.url, player);
    const res = await fetch(`${relay.url}/v1/catalog?appId=${APP}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, cache: res.headers.get('cache-control'), body: (await res.json()) as Record<string, unknown> };
  };

  it('serves a catalog the client guard accepts, then 502 for a new player while the source is down, stale for a known one', async () => {
    game.mode = 'ok';
    const fresh = await get('player-1');
    expect(fresh.status).toBe(200);
    expect(fresh.cache).toMatch(/no-store/);
    expect(catalogProblem(fresh.body)).toBeNull();
    expect(fresh.body).toMatchObject({ stale: false, userScoped: true });

    game.mode = 'hang';
    const stale = await get('player-1');
    expect(stale.status).toBe(200);
    expect(catalogProblem(stale.body)).toBeNull();
    expect(stale.body).toMatchObject({ stale: true, userScoped: true });

    const other = await get('player-2');
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ stale: true, userScoped: false });
  });

  it('answers 502 with a clear error when the source fails and nothing was ever fetched', async () => {
    game.mode = 'garbage';
    const fresh = createRelay(
      RelayConfigSchema.parse({
        port: 0,
        storage: { sqlite: join(dir, 'relay2.db') },
        session: { mode: 'sandbox', secret: 'x'.repeat(32) },
        games: [{ appId: APP, catalog: { url: game.url, timeoutMs: 500 } }],
      }),
      { log: createRelayLogger({ level: 'silent' }), deliveries: false },
    );
    await fresh.start();
    try {
      const token = await sessionToken(fresh.url, 'u');
      const res = await fetch(`${fresh.url}/v1/catalog?appId=${APP}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({
        error: { code: 'CATALOG_UPSTREAM', message: 'catalog source failed and no earlier copy exists: game server sent invalid JSON' },
      });
    } finally {
      await fresh.stop();
    }
  });
});
