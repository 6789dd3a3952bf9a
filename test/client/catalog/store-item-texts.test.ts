import { buildStoreViewModel } from '../../../src/client/catalog/store-view-model';
import { storeItemTexts } from '../../../src/client/catalog/store-item-texts';
import { catalogOf, oddNormalizedCatalog, pack, sampleCatalog } from './catalogs';

describe('storeItemTexts', () => {
  const vm = buildStoreViewModel(sampleCatalog());

  it('writes a plain pack', () => {
    expect(storeItemTexts(vm.packs[0])).toEqual({
      title: '500 diamonds', price: '¥9.99', originalPrice: '', badge: '', detail: '', buyEnabled: true, buyText: 'Buy',
    });
  });

  it('writes the first-charge badge', () => {
    expect(storeItemTexts(vm.packs[3]).badge).toBe('First charge');
  });

  it('writes a discount as a badge when there is no badge, and as the detail when there is one', () => {
    const noBadge = buildStoreViewModel(catalogOf({ packs: [pack({ price: 500, originalPrice: 1000, badge: null })] }));
    expect(storeItemTexts(noBadge.packs[0])).toMatchObject({ badge: '-50%', originalPrice: '¥10.00', detail: '' });
    const odd = buildStoreViewModel(oddNormalizedCatalog());
    expect(storeItemTexts(odd.packs.find((p) => p.productId === 'p.sale')!)).toMatchObject({ badge: 'Sale', detail: '-50%', title: '3000 + 300 diamonds' });
  });

  it('writes subscriptions: trial, intro offer, period and per-week price', () => {
    expect(storeItemTexts(vm.pages.trial!)).toMatchObject({ detail: '3-day free trial', buyText: 'Try free' });
    expect(storeItemTexts(vm.pages.discount!).detail).toBe('$4.99 for 2 weeks, then $7.99/wk');
    expect(storeItemTexts(vm.pages.yearly!).detail).toBe('Yearly · $0.96/wk');
  });

  it('disables the button and says why', () => {
    const odd = buildStoreViewModel(oddNormalizedCatalog());
    expect(storeItemTexts(odd.packs.find((p) => p.productId === 'p.first')!)).toMatchObject({ buyEnabled: false, detail: 'Already bought' });
    const ios = buildStoreViewModel(sampleCatalog(), { cannotPayReason: 'ios' });
    expect(storeItemTexts(ios.packs[0])).toMatchObject({ buyEnabled: false, detail: 'Not available on this device' });
  });
});
