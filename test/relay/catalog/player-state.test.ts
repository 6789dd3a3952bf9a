import { normalizeCatalog, withoutUserState } from '../../../src/relay/catalog/normalize-catalog';
import { playerStateOf, withPlayerState } from '../../../src/relay/catalog/player-state';
import type { Catalog } from '../../../src/shared/schemas/catalog';
import { oddCatalog, specSample } from './catalog-fixtures';

function normalized(payload: unknown): Catalog {
  const r = normalizeCatalog(payload, 'wx1234567891234567', 1);
  if (!r.ok) throw new Error(r.error);
  return r.catalog;
}

describe('per-player state kept apart from the shared copy', () => {
  it.each([['the spec sample', specSample()], ['the odd catalog', oddCatalog()]])('round-trips %s exactly', (_n, payload) => {
    const c = normalized(payload);
    expect(withPlayerState(withoutUserState(c), playerStateOf(c))).toEqual(c);
  });

  it('puts one player’s fields on a newer shared copy by product id, leaving new items unknown', () => {
    const mine = normalized(oddCatalog());
    const newer = withoutUserState(normalized(oddCatalog()));
    newer.packs.push({ ...newer.packs[0], productId: 'p.new' });
    const served = withPlayerState(newer, playerStateOf(mine));
    expect(served.userScoped).toBe(true);
    expect(served.packs.find((p) => p.productId === 'p.first')).toMatchObject({ firstChargeOnly: true, purchaseCount: 1 });
    expect(served.pages.subscribe.trial?.purchaseCount).toBe(1);
    expect(served.packs.find((p) => p.productId === 'p.new')).toMatchObject({ firstChargeOnly: null, purchaseCount: null });
  });

  it('keeps far less than a catalog per player', () => {
    const c = normalized(specSample());
    const state = playerStateOf(c);
    const size = JSON.stringify({ packs: [...state.packs], subs: [...state.subscriptions] }).length;
    expect(size * 4).toBeLessThan(JSON.stringify(c).length);
  });
});
