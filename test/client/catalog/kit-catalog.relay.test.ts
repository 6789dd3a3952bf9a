import { createHash } from 'node:crypto';
import { specSample } from '../../relay/catalog/catalog-fixtures';
import { catalogRelay } from '../../relay/catalog/catalog-relay';
import { APP_ID } from '../../relay/http/relay-test-kit';
import { createCatalogClient } from '../../../src/client/catalog/catalog-client';
import { createTestKit } from '../test-kit';

/**
 * The kit's catalog against the real relay, which now requires the session token on `GET /v1/catalog`: the kit logs
 * in, sends its token, and the game server is asked about the logged-in player (the udid derived from the openid),
 * never about a device id the client made up.
 */
describe('kit.getCatalog() against the relay', () => {
  const asked: string[] = [];
  const { relay } = catalogRelay((udid) => (asked.push(udid), specSample()));

  it("sends the session token and gets the logged-in player's catalog", async () => {
    const [kit, fakes] = createTestKit({ url: relay().url } as never, { kit: { catalog: createCatalogClient } });
    try {
      const catalog = await kit.getCatalog();
      expect(catalog).toMatchObject({ appId: APP_ID, stale: false, userScoped: true });
      const saved = fakes.wx.storage.data.get('mp:v1:session');
      const { openid } = JSON.parse(typeof saved === 'string' ? saved : JSON.stringify(saved)) as { openid: string };
      const udid = createHash('sha256').update(`minigame-purchase catalog udid\n${APP_ID}\n${openid}`).digest('hex').slice(0, 32);
      expect(asked).toEqual([udid]);
      // No device id is made or kept any more: the player is the token's.
      expect([...fakes.wx.storage.data.keys()].filter((k) => k.includes('udid'))).toEqual([]);
    } finally {
      kit.close();
    }
  });
});
