import { createPurchaseKit } from '../../../src/client/catalog/runtime';
import { createPurchaseKit as createNpmKit, NO_CATALOG } from '../../../src/client/create-purchase-kit';
import { NO_PLATFORM } from '../../../src/client/platform/detect-platform';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { specSample } from '../../relay/catalog/catalog-fixtures';
import { catalogRelay } from '../../relay/catalog/catalog-relay';
import { APP_ID } from '../../relay/http/relay-test-kit';

/**
 * The npm entry leaves the catalog client and the web sandbox out (a release build that needs neither ships neither:
 * issue 12's 9.3 KB aim). The runtime a store loads (the Cocos drop-in, the demo page) plugs both in, so there the
 * kit is the one DESIGN.md shows: `createPurchaseKit({ relayUrl, appId })`, then `kit.getCatalog()`, in a browser too.
 */
describe("the store runtime's kit", () => {
  const { relay } = catalogRelay(() => specSample());

  it('outside a mini-game runs on the web sandbox and gets the catalog with no options', async () => {
    const kit = createPurchaseKit({ relayUrl: relay().url, appId: APP_ID });
    try {
      expect(kit.platform.name).toBe('web');
      const catalog = await kit.getCatalog();
      expect(catalog).toMatchObject({ appId: APP_ID, stale: false });
      expect(catalog.packs.length).toBeGreaterThan(0);
    } finally {
      kit.close();
    }
  });

  it('inside WeChat uses wx, with the catalog plugged in', () => {
    const g = globalThis as Record<string, unknown>;
    g.wx = new FakeWx().api;
    try {
      const kit = createPurchaseKit({ relayUrl: relay().url, appId: APP_ID });
      expect(kit.platform.name).toBe('wx');
      kit.close();
    } finally {
      delete g.wx;
    }
  });

  it("the npm entry's kit says what to pass for each", async () => {
    expect(() => createNpmKit({ relayUrl: relay().url, appId: APP_ID })).toThrow(NO_PLATFORM);
    const g = globalThis as Record<string, unknown>;
    g.wx = new FakeWx().api;
    try {
      const kit = createNpmKit({ relayUrl: relay().url, appId: APP_ID });
      await expect(kit.getCatalog()).rejects.toThrow(NO_CATALOG);
      kit.close();
    } finally {
      delete g.wx;
    }
  });
});
