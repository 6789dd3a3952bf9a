import { createHash } from 'node:crypto';
import { APP_ID, call, login } from '../http/relay-test-kit';
import { catalogRelay } from './catalog-relay';
import { specSample } from './catalog-fixtures';

/**
 * Security review "Hardening the relay", catalog: `GET /v1/catalog` made the relay ask the game server about any udid
 * and showed the answer (purchase counts, first-charge flags) to anyone. Now it needs a session token, and the udid
 * the relay sends upstream is derived from the token's openid: the query cannot name another player.
 */
const FIRST = 'p.first';

/** The udid of `openid` as the README documents it, so a game server can compute it too. */
const udidOf = (openid: string) => createHash('sha256').update(`minigame-purchase catalog udid\n${APP_ID}\n${openid}`).digest('hex').slice(0, 32);

describe('GET /v1/catalog needs a session and serves only its own player', () => {
  const counts = new Map<string, number>();
  const { game, relay } = catalogRelay((udid) => {
    const c = specSample() as { data: { creditPage: { purchaseList: Array<Record<string, unknown>> } } };
    c.data.creditPage.purchaseList.unshift({ id: 9, price: 600, amount: 300, giftAmount: 0, productId: FIRST, type: 1, limitBuy: 1, purchaseCount: counts.get(udid) ?? 0, originalPrice: 600 });
    return c;
  });

  const firstCount = (body: { packs?: Array<{ productId: string; purchaseCount: number | null }> }) =>
    body.packs?.find((p) => p.productId === FIRST)?.purchaseCount;

  it('answers 401 without a token, or with a bad one, and asks the game server nothing', async () => {
    const asked = game.requests.length;
    const none = await call(relay().url, 'GET', `/v1/catalog?appId=${APP_ID}&udid=victim-device`);
    expect([none.status, none.body?.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const bad = await call(relay().url, 'GET', `/v1/catalog?appId=${APP_ID}&udid=victim-device`, { token: 'x.y.z' });
    expect([bad.status, bad.body?.error?.code]).toEqual([401, 'INVALID_TOKEN']);
    expect(game.requests.length).toBe(asked);
  });

  it("asks the game server about the token's player only, whatever udid the query names", async () => {
    const victim = await login(relay().url, 'victim');
    const attacker = await login(relay().url, 'attacker');
    counts.set(udidOf(victim.openid), 3);
    counts.set('victim-device', 5);
    const mine = await call(relay().url, 'GET', `/v1/catalog?appId=${APP_ID}&udid=${udidOf(victim.openid)}`, { token: attacker.token });
    expect(mine.status).toBe(200);
    expect(firstCount(mine.body)).toBe(0);
    const viaDevice = await call(relay().url, 'GET', `/v1/catalog?appId=${APP_ID}&udid=victim-device`, { token: attacker.token });
    expect(firstCount(viaDevice.body)).toBe(0);
    const asked = game.requests.map((r) => (r.body as { udid: string }).udid);
    expect(asked).not.toContain('victim-device');
    expect(asked).not.toContain(udidOf(victim.openid));
    expect(new Set(asked)).toEqual(new Set([udidOf(attacker.openid)]));
    // The victim sees their own.
    const theirs = await call(relay().url, 'GET', '/v1/catalog', { token: victim.token });
    expect([theirs.status, firstCount(theirs.body)]).toEqual([200, 3]);
    expect(game.requests.at(-1)?.body).toEqual({ appId: APP_ID, udid: udidOf(victim.openid) });
  });

  it("never serves another player's cached fields while the source is down", async () => {
    const a = await login(relay().url, 'cache-a');
    counts.set(udidOf(a.openid), 2);
    expect(firstCount((await call(relay().url, 'GET', '/v1/catalog', { token: a.token })).body)).toBe(2);
    game.mode = 'fail';
    try {
      const b = await login(relay().url, 'cache-b');
      const stale = await call(relay().url, 'GET', `/v1/catalog?udid=${udidOf(a.openid)}`, { token: b.token });
      expect(stale.status).toBe(200);
      expect(stale.body).toMatchObject({ stale: true, userScoped: false });
      expect(firstCount(stale.body)).toBeNull();
    } finally {
      game.mode = 'ok';
    }
  });

  it('refuses an appId in the query that is not the token\'s game', async () => {
    const s = await login(relay().url, 'other-app');
    const a = await call(relay().url, 'GET', '/v1/catalog?appId=wxsomeoneelse', { token: s.token });
    expect([a.status, a.body.error.field]).toEqual([400, 'appId']);
  });
});
