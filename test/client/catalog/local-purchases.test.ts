import { applyLocalPurchases } from '../../../src/client/catalog/local-purchases';
import { canPurchase } from '../../../src/client/catalog/can-purchase';
import { catalogOf, pack, subscription } from './catalogs';

describe('applyLocalPurchases', () => {
  const trial = subscription({ productId: 'trial', trialDays: 3, price: 0, originalPrice: 999, purchaseCount: 0 });
  const catalog = catalogOf({
    packs: [
      pack({ productId: 'first', firstChargeOnly: true, purchaseCount: 0, badge: 'first-charge' }),
      pack({ productId: 'unknown', firstChargeOnly: null, purchaseCount: null, badge: 'first-charge' }),
      pack({ productId: 'plain', firstChargeOnly: false, purchaseCount: null }),
    ],
    subscriptions: [subscription({ productId: 'weekly' })],
    pages: { discount: null, secret: null, subscribe: { trial, weekly: null, yearly: null } },
  });

  it('returns the same catalog when nothing was bought', () => {
    expect(applyLocalPurchases(catalog, new Map())).toBe(catalog);
  });

  it('uses up a first-charge pack and a trial bought this session', () => {
    const after = applyLocalPurchases(catalog, new Map([['first', 1], ['trial', 1], ['unknown', 1]]));
    const packs = Object.fromEntries(after.packs.map((p) => [p.productId, p]));
    expect(canPurchase(packs['first'])).toEqual({ ok: false, reason: 'limit-reached' });
    expect(packs['unknown']).toMatchObject({ firstChargeOnly: true, purchaseCount: 1 });
    expect(canPurchase(packs['unknown'])).toEqual({ ok: false, reason: 'limit-reached' });
    expect(canPurchase(after.pages.subscribe.trial!)).toEqual({ ok: false, reason: 'trial-used' });
  });

  it('leaves items without a per-player limit as they are, and the input untouched', () => {
    const after = applyLocalPurchases(catalog, new Map([['plain', 3], ['weekly', 2]]));
    expect(after.packs[2]).toBe(catalog.packs[2]);
    expect(after.subscriptions[0]).toBe(catalog.subscriptions[0]);
    expect(catalog.packs[0]?.purchaseCount).toBe(0);
  });
});
