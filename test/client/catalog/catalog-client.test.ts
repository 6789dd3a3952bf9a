import { createCatalogClient, CATALOG_CACHE_KEY_PREFIX } from '../../../src/client/catalog/catalog-client';
import { CatalogUnavailableError } from '../../../src/client/catalog/catalog-errors';
import type { Catalog } from '../../../src/shared/schemas/catalog';
import { sampleCatalog } from './catalogs';
import { fakeCatalogPlatform, fakeRelayGet, MemoryStorage } from './fake-catalog-platform';

const APP = 'wx1234567891234567';
const TTL = 300_000;

function setup(storage?: MemoryStorage) {
  const p = fakeCatalogPlatform(storage);
  const relay = fakeRelayGet();
  const client = createCatalogClient({ platform: p.platform, appId: APP, relayGet: relay.relayGet, ttlMs: TTL });
  return { ...p, relay, client };
}

const ok = (c: Catalog = sampleCatalog()) => ({ status: 200, body: c });
const withPrice = (price: number): Catalog => {
  const c = sampleCatalog();
  c.packs[0] = { ...c.packs[0], price };
  return c;
};

describe('catalog client', () => {
  it('asks the relay (with the session, through relayGet) for this app, and returns the catalog', async () => {
    const t = setup();
    t.relay.answer(ok());
    const c = await t.client.get();
    expect(c.packs[0]?.price).toBe(999);
    // No device id: the relay serves the token's player, whatever a query would say.
    expect(t.relay.calls).toEqual([`/v1/catalog?appId=${APP}`]);
    expect([...t.storage.data.keys()]).toEqual([CATALOG_CACHE_KEY_PREFIX + APP]);
  });

  it('serves from the cache within the TTL without asking again', async () => {
    const t = setup();
    t.relay.answer(ok());
    await t.client.get();
    t.state.now += TTL - 1;
    const c = await t.client.get();
    expect(c.stale).toBe(false);
    expect(t.relay.calls).toHaveLength(1);
  });

  it('past the TTL answers at once with the cached copy marked stale, and revalidates in the background', async () => {
    const t = setup();
    t.relay.answer(ok(withPrice(999)));
    await t.client.get();
    t.state.now += TTL;
    t.relay.hold();
    t.relay.answer(ok(withPrice(888)));
    const changes: number[] = [];
    t.client.onChange((c) => changes.push(c.packs[0].price));
    const served = await t.client.get();
    expect(served).toMatchObject({ stale: true });
    expect(served.packs[0]?.price).toBe(999);
    expect(t.relay.calls).toHaveLength(2);
    t.relay.release();
    const fresh = await t.client.refresh();
    expect(fresh.packs[0]?.price).toBe(888);
    expect(changes).toEqual([888]);
    expect((await t.client.get()).stale).toBe(false);
    expect(t.relay.calls).toHaveLength(2);
  });

  it('shares one request between concurrent calls', async () => {
    const t = setup();
    t.relay.hold();
    t.relay.answer(ok());
    const all = Promise.all([t.client.get(), t.client.get(), t.client.refresh(), t.client.get()]);
    t.relay.release();
    const results = await all;
    expect(t.relay.calls).toHaveLength(1);
    expect(new Set(results).size).toBe(1);
  });

  it('offline, serves the cached copy marked stale and does not try the network', async () => {
    const t = setup();
    t.relay.answer(ok());
    await t.client.get();
    t.state.now += TTL + 1;
    t.state.network = 'none';
    const c = await t.client.get();
    expect(c.stale).toBe(true);
    expect(c.packs).toHaveLength(4);
    expect(t.relay.calls).toHaveLength(1);
  });

  it('survives an app restart: a new client over the same storage serves the cache offline', async () => {
    const first = setup();
    first.relay.answer(ok());
    await first.client.get();
    const second = setup(first.storage);
    second.state.network = 'none';
    second.state.now = first.state.now + 10 * TTL;
    const c = await second.client.get();
    expect(c.stale).toBe(true);
    expect(c.packs.map((p) => p.productId)).toContain('5000.picsh.cre');
    expect(second.relay.calls).toEqual([]);
  });

  it('on a relay error, a network failure or a malformed answer, falls back to the cached copy marked stale', async () => {
    for (const failure of [
      { status: 502, body: { error: { code: 'CATALOG_UPSTREAM', message: 'game server timed out' } } },
      new Error('request:fail timeout'),
      { status: 200, body: { packs: 'nope' } },
      { status: 200, body: '<html>proxy error</html>' },
    ]) {
      const t = setup();
      t.relay.answer(ok());
      await t.client.get();
      t.state.now += TTL;
      t.relay.answer(failure);
      const c = await t.client.refresh();
      expect(c.stale).toBe(true);
      expect(c.packs).toHaveLength(4);
    }
  });

  it('with nothing cached, fails with a clear CatalogUnavailableError', async () => {
    const t = setup();
    t.relay.answer({ status: 502, body: { error: { code: 'CATALOG_UPSTREAM', message: 'game server timed out' } } });
    const err = await t.client.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogUnavailableError);
    expect(err).toMatchObject({ code: 'CATALOG_UNAVAILABLE', status: 502, message: 'relay answered 502: game server timed out' });
    t.state.network = 'none';
    await expect(t.client.get()).rejects.toThrow('offline and no cached catalog');
  });

  it('refuses a catalog of another app', async () => {
    const t = setup();
    t.relay.answer(ok({ ...sampleCatalog(), appId: 'wxOTHER' }));
    await expect(t.client.get()).rejects.toThrow(/catalog of wxOTHER/);
  });

  it('asks again soon after the relay itself served a stale copy', async () => {
    const t = setup();
    t.relay.answer(ok({ ...sampleCatalog(), stale: true }));
    expect((await t.client.get()).stale).toBe(true);
    t.state.now += 30_000;
    t.relay.answer(ok());
    await t.client.get();
    expect(t.relay.calls).toHaveLength(2);
    expect((await t.client.refresh()).stale).toBe(false);
  });

  it('ignores a corrupt cache and fetches', async () => {
    const storage = new MemoryStorage();
    storage.set(CATALOG_CACHE_KEY_PREFIX + APP, '{"catalog": {"version": 2}, "expiresAt": 9e15}');
    const t = setup(storage);
    t.relay.answer(ok());
    expect((await t.client.get()).packs).toHaveLength(4);
    expect(t.relay.calls).toHaveLength(1);
  });

  it('keeps working in memory when storage is full', async () => {
    const t = setup();
    t.storage.full = true;
    t.relay.answer(ok(), ok());
    const c = await t.client.get();
    expect(c.packs).toHaveLength(4);
    expect(await t.client.get()).toBe(c);
    await t.client.refresh();
    expect(new Set(t.relay.calls).size).toBe(1);
  });

  it('does not call listeners when only fetchedAt changed, and stops after unsubscribe', async () => {
    const t = setup();
    const seen: Catalog[] = [];
    const off = t.client.onChange((c) => seen.push(c));
    t.relay.answer(ok(), ok({ ...sampleCatalog(), fetchedAt: 42 }), ok(withPrice(1)));
    await t.client.refresh();
    await t.client.refresh();
    expect(seen).toHaveLength(1);
    off();
    await t.client.refresh();
    expect(seen).toHaveLength(1);
    expect(t.client.peek()?.packs[0]?.price).toBe(1);
  });
});
