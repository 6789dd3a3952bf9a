import { buildStoreViewModel } from '../../../src/client/catalog/store-view-model';
import { ENGLISH_LABELS } from '../../../src/client/catalog/store-labels';
import { catalogOf, oddNormalizedCatalog, pack, sampleCatalog, subscription } from './catalogs';

describe('store view model on the spec sample', () => {
  const vm = buildStoreViewModel(sampleCatalog());

  it('lists the packs cheapest first with their prices in yuan', () => {
    expect(vm.packs.map((p) => [p.productId, p.priceText, p.quantityText])).toEqual([
      ['500.picsh.cre', '¥9.99', '500'],
      ['1000.picsh.cre', '¥16.99', '1000'],
      ['3000.picsh.cre', '¥39.99', '3000'],
      ['5000.picsh.cre', '¥59.99', '5000'],
    ]);
  });

  it('badges only the first-charge pack, and shows no discount where the original price is the price', () => {
    expect(vm.packs.map((p) => p.badgeText)).toEqual([null, null, null, 'First charge']);
    expect(vm.packs.every((p) => p.originalPriceText === null && p.percentOff === 0 && p.percentOffText === null)).toBe(true);
  });

  it('lists the subscriptions with badges, periods and computed per-day prices', () => {
    expect(vm.subscriptions.map((s) => [s.productId, s.priceText, s.badgeText, s.periodText, s.perWeekText, s.perDayText])).toEqual([
      ['week.picsh.cp', '$7.99', 'Creator pack', 'First week', '$7.99/wk', '$1.14/day'],
      ['week.picsh.up', '$12.99', 'Ultra pack', 'First week', '$12.99/wk', '$1.86/day'],
    ]);
  });

  it('shows the discount and secret pages as intro offers with their percent off', () => {
    expect(vm.pages.discount).toMatchObject({
      priceText: '$4.99', originalPriceText: '$7.99', percentOff: 37, percentOffText: '-37%',
      introText: '$4.99 for 2 weeks, then $7.99/wk',
    });
    expect(vm.pages.secret).toMatchObject({ priceText: '$3.99', percentOff: 50, introText: '$3.99 for 2 weeks, then $7.99/wk' });
  });

  it('shows the trial as a trial, not as 100% off, with what it renews at', () => {
    expect(vm.pages.trial).toMatchObject({
      priceText: '$0.00', trialText: '3-day free trial', percentOff: 0, originalPriceText: null,
      renewalText: '$9.99/wk', perWeekText: '$9.99/wk', canPurchase: { ok: true },
    });
  });

  it('keeps the server’s per-week and per-day yearly figures (96 and 14 cents)', () => {
    expect(vm.pages.yearly).toMatchObject({ priceText: '$49.99', perWeek: 96, perDay: 14, perWeekText: '$0.96/wk', perDayText: '$0.14/day', periodText: 'Yearly' });
    expect(vm.pages.weekly).toMatchObject({ priceText: '$7.99', renewalText: '$7.99/wk', introText: null });
  });

  it('lets every item be bought on a device that can pay', () => {
    const all = [...vm.packs, ...vm.subscriptions];
    expect(all.every((i) => i.canPurchase.ok)).toBe(true);
  });

  it('hands the catalog item itself to the purchase', () => {
    expect(vm.packs[0]?.item).toMatchObject({ productId: '500.picsh.cre', price: 999, currency: 'CNY' });
  });
});

describe('store view model on a hand-made catalog with every oddity', () => {
  const vm = buildStoreViewModel(oddNormalizedCatalog());

  it('sorts by price, more diamonds first at one price, and never by server order', () => {
    expect(vm.packs.map((p) => p.productId)).toEqual(['p.first', 'p.more', 'p.unknown-type', 'p.krw', 'p.sale']);
  });

  it('badges known type codes and leaves unknown ones bare', () => {
    expect(Object.fromEntries(vm.packs.map((p) => [p.productId, p.badgeText]))).toEqual({
      'p.first': 'First charge', 'p.more': 'Hot', 'p.unknown-type': null, 'p.krw': 'Best deal', 'p.sale': 'Sale',
    });
  });

  it('computes percent off rounded down and shows the bonus', () => {
    const sale = vm.packs.find((p) => p.productId === 'p.sale');
    expect(sale).toMatchObject({ priceText: '¥49.99', originalPriceText: '¥99.99', percentOff: 50, quantityText: '3000 + 300' });
    const first = vm.packs.find((p) => p.productId === 'p.first');
    expect(first).toMatchObject({ percentOff: 50, quantityText: '300 + 300' });
  });

  it('formats won without decimals', () => {
    expect(vm.packs.find((p) => p.productId === 'p.krw')?.priceText).toBe('₩1,200');
  });

  it('says a bought first-charge pack has reached its limit and a used trial is used', () => {
    expect(vm.packs.find((p) => p.productId === 'p.first')?.canPurchase).toEqual({ ok: false, reason: 'limit-reached' });
    expect(vm.pages.trial?.canPurchase).toEqual({ ok: false, reason: 'trial-used' });
  });

  it('computes per-week and per-day prices from the period when the server sent 0', () => {
    const month = vm.subscriptions.find((s) => s.productId === 's.month');
    // 1999 a month: 1999 * 12 / 365 = 65.7 a day, * 7 = 459.9 a week
    expect([month?.perWeek, month?.perDay, month?.perWeekText, month?.periodText]).toEqual([460, 66, '$4.60/wk', 'Monthly']);
    const mystery = vm.subscriptions.find((s) => s.productId === 's.mystery');
    expect([mystery?.perWeekText, mystery?.perDayText, mystery?.renewalText, mystery?.periodText]).toEqual([null, null, null, null]);
  });

  it('sorts subscriptions by group, ungrouped last', () => {
    expect(vm.subscriptions.map((s) => s.productId)).toEqual(['s.month', 's.year', 's.mystery']);
  });

  it('leaves missing pages empty instead of failing', () => {
    expect([vm.pages.discount, vm.pages.secret, vm.pages.yearly]).toEqual([null, null, null]);
  });
});

describe('store view model options and edge cases', () => {
  it('marks every item with the platform reason when the device cannot pay', () => {
    const vm = buildStoreViewModel(sampleCatalog(), { cannotPayReason: 'iOS virtual payment is not available' });
    const all = [...vm.packs, ...vm.subscriptions];
    expect(all.every((i) => !i.canPurchase.ok && i.canPurchase.reason === 'platform-cannot-pay')).toBe(true);
  });

  it('carries the stale flag through', () => {
    expect(buildStoreViewModel({ ...sampleCatalog(), stale: true }).stale).toBe(true);
    expect(buildStoreViewModel(sampleCatalog()).stale).toBe(false);
  });

  it('uses the labels it is given', () => {
    const labels = { ...ENGLISH_LABELS, badges: { ...ENGLISH_LABELS.badges, 'first-charge': '首充' }, percentOff: (p: number) => `${10 - p / 10}折` };
    const vm = buildStoreViewModel(catalogOf({ packs: [pack({ badge: 'first-charge', price: 500, originalPrice: 1000 })] }), { labels });
    expect(vm.packs[0]).toMatchObject({ badgeText: '首充', percentOffText: '5折' });
  });

  it('orders equal packs by product id, whatever order they came in', () => {
    const a = pack({ productId: 'b' });
    const b = pack({ productId: 'a' });
    expect(buildStoreViewModel(catalogOf({ packs: [a, b] })).packs.map((p) => p.key)).toEqual(['a', 'b']);
    expect(buildStoreViewModel(catalogOf({ packs: [b, a] })).packs.map((p) => p.key)).toEqual(['a', 'b']);
  });

  it('does not reorder the catalog it was given', () => {
    const c = catalogOf({ packs: [pack({ productId: 'x', price: 2 }), pack({ productId: 'y', price: 1 })] });
    buildStoreViewModel(c);
    expect(c.packs.map((p) => p.productId)).toEqual(['x', 'y']);
  });

  it('shows a discount for an intro price without a period, without inventing a unit', () => {
    const vm = buildStoreViewModel(catalogOf({ subscriptions: [subscription({ period: null, discountPeriods: 1, price: 100, originalPrice: 300 })] }));
    expect(vm.subscriptions[0]).toMatchObject({ percentOff: 66, renewalText: null, introText: null, perWeekText: null });
  });
});
