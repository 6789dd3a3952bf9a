import { canPurchase } from '../../../src/client/catalog/can-purchase';
import { pack, subscription } from './catalogs';

describe('canPurchase', () => {
  it('allows an ordinary pack and subscription', () => {
    expect(canPurchase(pack())).toEqual({ ok: true });
    expect(canPurchase(subscription())).toEqual({ ok: true });
  });

  it('refuses everything when the platform cannot pay, before any other reason', () => {
    const bought = pack({ firstChargeOnly: true, purchaseCount: 1 });
    expect(canPurchase(bought, { cannotPayReason: 'ios' })).toEqual({ ok: false, reason: 'platform-cannot-pay' });
    expect(canPurchase(subscription(), { cannotPayReason: 'ios' })).toEqual({ ok: false, reason: 'platform-cannot-pay' });
  });

  it('refuses while another purchase runs', () => {
    expect(canPurchase(pack(), { purchaseInProgress: true })).toEqual({ ok: false, reason: 'purchase-in-progress' });
  });

  it('refuses a first-charge pack already bought, allows it before', () => {
    expect(canPurchase(pack({ firstChargeOnly: true, purchaseCount: 1 }))).toEqual({ ok: false, reason: 'limit-reached' });
    expect(canPurchase(pack({ firstChargeOnly: true, purchaseCount: 0 }))).toEqual({ ok: true });
    expect(canPurchase(pack({ firstChargeOnly: true, purchaseCount: null }))).toEqual({ ok: true });
    expect(canPurchase(pack({ firstChargeOnly: false, purchaseCount: 5 }))).toEqual({ ok: true });
  });

  it('refuses a first-charge pack when this copy carries no per-player state', () => {
    expect(canPurchase(pack({ firstChargeOnly: null, badge: 'first-charge' }))).toEqual({ ok: false, reason: 'user-state-unknown' });
    expect(canPurchase(pack({ firstChargeOnly: null, badge: 'hot' }))).toEqual({ ok: true });
  });

  it('refuses a trial already used, or unknown for this player', () => {
    const trial = { trialDays: 3, price: 0, originalPrice: 999 };
    expect(canPurchase(subscription({ ...trial, purchaseCount: 0 }))).toEqual({ ok: true });
    expect(canPurchase(subscription({ ...trial, purchaseCount: 2 }))).toEqual({ ok: false, reason: 'trial-used' });
    expect(canPurchase(subscription({ ...trial, purchaseCount: null }))).toEqual({ ok: false, reason: 'user-state-unknown' });
  });

  it('refuses a free item that is not a trial', () => {
    expect(canPurchase(pack({ price: 0 }))).toEqual({ ok: false, reason: 'not-for-sale' });
    expect(canPurchase(subscription({ price: 0 }))).toEqual({ ok: false, reason: 'not-for-sale' });
  });
});
