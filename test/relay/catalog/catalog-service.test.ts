import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalogService, type CatalogService } from '../../../src/relay/catalog/catalog-service';
import { RelayConfigSchema, type RelayConfig } from '../../../src/relay/config/config-schema';
import { CatalogSchema, type Catalog } from '../../../src/shared/schemas/catalog';
import { FakeGameServer, type GameServerMode } from '../../fakes/game-server/fake-game-server';
import { specSample } from './catalog-fixtures';

const APP = 'wx1234567891234567';

/** The spec sample, with this udid's own trial count and first-charge limit: per-player fields that must not leak. */
function catalogFor(udid: string): unknown {
  const c = specSample() as { data: { creditPage: { purchaseList: Record<string, unknown>[] }; subscribePage: { trial: Record<string, unknown> } } };
  const count = udid === 'player-a' ? 7 : 0;
  c.data.subscribePage.trial.purchaseCount = count;
  c.data.creditPage.purchaseList[3].limitBuy = 1;
  c.data.creditPage.purchaseList[3].purchaseCount = count;
  return c;
}

function config(catalog: object): RelayConfig {
  return RelayConfigSchema.parse({
    port: 0,
    storage: { sqlite: ':memory:' },
    session: { mode: 'sandbox', secret: 'x'.repeat(32) },
    games: [{ appId: APP, catalog }, { appId: 'wxNOCATALOG' }],
  });
}

const catalogOf = (body: unknown): Catalog => CatalogSchema.parse(body);

describe('catalog service over a game server', () => {
  const game = new FakeGameServer(catalogFor);
  let service: CatalogService;
  const warnings: string[] = [];

  beforeAll(async () => {
    await game.start();
  });
  afterAll(() => game.stop());
  beforeEach(() => {
    game.mode = 'ok';
    game.requests.length = 0;
    warnings.length = 0;
    service = createCatalogService(config({ url: game.url, timeoutMs: 300 }), {
      log: { warn: (_f, m) => warnings.push(m) },
    });
  });

  it('POSTs {appId, udid} as JSON, as the spec page says, and serves the normalized catalog', async () => {
    const a = await service.get(APP, 'player-a');
    expect(a.status).toBe(200);
    expect(a.headers).toMatchObject({ 'cache-control': 'private, no-store' });
    expect(game.requests).toEqual([
      { method: 'POST', path: '/rechargePurchaseListV2', contentType: 'application/json', body: { appId: APP, udid: 'player-a' } },
    ]);
    const c = catalogOf(a.body);
    expect(c).toMatchObject({ appId: APP, stale: false, userScoped: true });
    expect(c.packs.map((p) => p.price)).toEqual([999, 1699, 3999, 5999]);
    expect(c.pages.subscribe.trial?.purchaseCount).toBe(7);
  });

  const failures: GameServerMode[] = ['fail', 'garbage', 'error-code', 'wrong-shape', 'hang', 'hang-body', 'reset', 'huge'];

  it.each(failures)('when the game server goes "%s", serves the player their last good copy marked stale', async (mode) => {
    await service.get(APP, 'player-a');
    game.mode = mode;
    const a = await service.get(APP, 'player-a');
    expect(a.status).toBe(200);
    const c = catalogOf(a.body);
    expect(c.stale).toBe(true);
    expect(c.userScoped).toBe(true);
    expect(c.pages.subscribe.trial?.purchaseCount).toBe(7);
    expect(c.packs).toHaveLength(4);
    expect(warnings).toContain('catalog source failed');
  });

  it.each([
    ['fail', /game server answered HTTP 503/],
    ['garbage', /game server sent invalid JSON/],
    ['error-code', /malformed catalog: code: code is not 200/],
    ['wrong-shape', /malformed catalog/],
    ['hang', /did not answer within 300 ms/],
    ['hang-body', /did not finish its answer within 300 ms/],
    ['reset', /game server unreachable/],
    ['huge', /over 2097152 bytes/],
  ] as const)('with no earlier copy, "%s" is a 502 that says what failed', async (mode, message) => {
    game.mode = mode;
    // Only the hanging modes may meet the short timeout; a loaded machine must not turn "huge" into a timeout.
    const timeoutMs = mode.startsWith('hang') ? 300 : 10_000;
    const a = await createCatalogService(config({ url: game.url, timeoutMs })).get(APP, 'player-a');
    expect(a.status).toBe(502);
    const err = (a.body as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('CATALOG_UPSTREAM');
    expect(err.message).toMatch(/^catalog source failed and no earlier copy exists: /);
    expect(err.message).toMatch(message);
    // never the upstream's own body or URL
    expect(err.message).not.toMatch(/Bad Gateway|127\.0\.0\.1|db error/);
  });

  it('never serves one player’s per-player fields to another', async () => {
    await service.get(APP, 'player-a');
    game.mode = 'fail';
    const b = catalogOf((await service.get(APP, 'player-b')).body);
    expect(b).toMatchObject({ stale: true, userScoped: false });
    expect(b.pages.subscribe.trial?.purchaseCount).toBeNull();
    expect(b.packs.every((p) => p.firstChargeOnly === null && p.purchaseCount === null)).toBe(true);
    expect(JSON.stringify(b)).not.toMatch(/"purchaseCount":7/);
    // and player a still gets their own
    const a = catalogOf((await service.get(APP, 'player-a')).body);
    expect(a.pages.subscribe.trial?.purchaseCount).toBe(7);
    expect(a.packs[3]).toMatchObject({ firstChargeOnly: true, purchaseCount: 7 });
  });

  it('while the source is healthy, each player gets their own fresh answer', async () => {
    await service.get(APP, 'player-a');
    const b = catalogOf((await service.get(APP, 'player-b')).body);
    expect(b).toMatchObject({ stale: false, userScoped: true });
    expect(b.pages.subscribe.trial?.purchaseCount).toBe(0);
    expect(game.requests.map((r) => (r.body as { udid: string }).udid)).toEqual(['player-a', 'player-b']);
  });

  it('shares one upstream call between concurrent requests of one player', async () => {
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => service.get(APP, 'player-a')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(game.requests).toHaveLength(1);
    await Promise.all([service.get(APP, 'player-a'), service.get(APP, 'player-b')]);
    expect(game.requests).toHaveLength(3);
  });

  it('recovers: fresh again once the source is back', async () => {
    await service.get(APP, 'player-a');
    game.mode = 'garbage';
    expect(catalogOf((await service.get(APP, 'player-a')).body).stale).toBe(true);
    game.mode = 'ok';
    expect(catalogOf((await service.get(APP, 'player-a')).body).stale).toBe(false);
  });

  it('keeps at most maxPlayerCopies player copies; an evicted player falls back to the shared copy', async () => {
    const small = createCatalogService(config({ url: game.url, timeoutMs: 300 }), { maxPlayerCopies: 2 });
    for (const u of ['player-a', 'u2', 'u3']) await small.get(APP, u);
    game.mode = 'fail';
    const a = catalogOf((await small.get(APP, 'player-a')).body);
    expect(a).toMatchObject({ stale: true, userScoped: false });
    const u3 = catalogOf((await small.get(APP, 'u3')).body);
    expect(u3).toMatchObject({ stale: true, userScoped: true });
  });

  it('answers 404 for an unknown game and for a game without a catalog source', async () => {
    expect(await service.get('wxUNKNOWN', 'u')).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_APP' } } });
    expect(await service.get('wxNOCATALOG', 'u')).toMatchObject({ status: 404, body: { error: { code: 'NO_CATALOG' } } });
    expect(game.requests).toHaveLength(0);
  });
});

describe('catalog service over a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the file, picks up an edit at once, and serves the last good copy when it breaks or vanishes', async () => {
    const file = join(dir, 'catalog.json');
    writeFileSync(file, JSON.stringify(specSample()));
    const service = createCatalogService(config({ file }));
    expect(catalogOf((await service.get(APP, 'u')).body).packs[0]?.price).toBe(999);

    const edited = specSample() as { data: { creditPage: { purchaseList: { price: number }[] } } };
    edited.data.creditPage.purchaseList[0].price = 899;
    writeFileSync(file, JSON.stringify(edited));
    expect(catalogOf((await service.get(APP, 'u')).body).packs[0]?.price).toBe(899);

    writeFileSync(file, '{ not json');
    const broken = catalogOf((await service.get(APP, 'u')).body);
    expect(broken).toMatchObject({ stale: true });
    expect(broken.packs[0]?.price).toBe(899);

    unlinkSync(file);
    expect(catalogOf((await service.get(APP, 'u')).body).stale).toBe(true);
  });

  it('a missing file with no earlier copy is a 502 naming the problem', async () => {
    const service = createCatalogService(config({ file: join(dir, 'absent.json') }));
    const a = await service.get(APP, 'u');
    expect(a.status).toBe(502);
    expect((a.body as { error: { message: string } }).error.message).toMatch(/catalog file unreadable \(ENOENT\)/);
  });
});
