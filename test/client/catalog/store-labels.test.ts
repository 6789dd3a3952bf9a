import { CHINESE_LABELS, ENGLISH_LABELS, storeLabelsFor } from '../../../src/client/catalog/store-labels';
import { storeItemTexts, storeStatusText } from '../../../src/client/catalog/store-item-texts';
import { defaultRowLines, storeRow, storeRows } from '../../../src/client/catalog/store-rows';
import { buildStoreViewModel } from '../../../src/client/catalog/store-view-model';
import { createStoreController } from '../../../src/client/catalog/store-controller';
import { catalogOf, pack, subscription as sub } from './catalogs';
import type { CatalogPack, CatalogSubscription } from '../../../src/shared/schemas/catalog-types';

const catalogWith = (c: { packs?: CatalogPack[]; subs?: CatalogSubscription[] }) => catalogOf({ packs: c.packs ?? [], subscriptions: c.subs ?? [] });

describe('store texts in the player language', () => {
  it('picks Simplified Chinese for zh* and English otherwise', () => {
    for (const lang of ['zh_CN', 'zh-CN', 'zh', 'ZH_tw']) expect(storeLabelsFor(lang)).toEqual(CHINESE_LABELS);
    for (const lang of ['en', 'en-US', 'ko_KR', '', undefined]) expect(storeLabelsFor(lang)).toEqual(ENGLISH_LABELS);
  });

  it('lets a game replace single labels, keeping the rest (an empty inspector field keeps the built-in one)', () => {
    const labels = storeLabelsFor('zh_CN', { buy: '充值', tryFree: '' });
    expect(labels.buy).toBe('充值');
    expect(labels.tryFree).toBe('免费试用');
    expect(labels.loading).toBe('加载中…');
  });

  it('Chinese rows: the buttons, the title with the unit, why a row cannot be bought', () => {
    const vm = buildStoreViewModel(catalogWith({ packs: [pack({ quantity: 500 })], subs: [sub({ trialDays: 3 })] }), { labels: CHINESE_LABELS });
    const rows = storeRows(vm, { labels: CHINESE_LABELS });
    expect(rows[0].texts.title).toBe('500 钻石');
    expect(rows[0].texts.buyText).toBe('购买');
    expect(rows[1].texts.buyText).toBe('免费试用');
    expect(rows[1].texts.detail).toBe('免费试用3天');
    const blocked = buildStoreViewModel(catalogWith({ packs: [pack()] }), { labels: CHINESE_LABELS, cannotPayReason: 'platform-cannot-pay' });
    expect(storeItemTexts(blocked.packs[0], undefined, CHINESE_LABELS).detail).toBe('此设备暂不支持购买');
  });

  // Regression: PurchaseStore.unit stopped at the reported name; every title said "diamonds".
  it('the unit reaches every title: packs, subscriptions, and the offers of the subscribe page', () => {
    const vm = buildStoreViewModel(catalogWith({ packs: [pack({ quantity: 60 })], subs: [sub({ quantity: 7 })] }), { userScoped: true } as never);
    expect(storeRows(vm, { unit: 'gems' }).map((r) => r.texts.title)).toEqual(['60 gems', '7 gems']);
    expect(storeRow(vm.subscriptions[0], { unit: '元宝', labels: CHINESE_LABELS }).texts.title).toBe('7 元宝');
  });

  it('the status line and purchase results speak the labels', () => {
    const base = { status: 'ready' as const, error: null, lastResult: null, view: { stale: true } };
    expect(storeStatusText({ ...base, status: 'loading', view: null }, true, CHINESE_LABELS)).toBe('加载中… · 沙盒：不会真实扣款');
    expect(storeStatusText(base, false, CHINESE_LABELS)).toBe('价格可能不是最新');
  });

  it('the controller chooses the labels from the language it is given', async () => {
    const catalog = catalogWith({ packs: [pack({ productId: 'p1', quantity: 500 })] });
    const states: string[] = [];
    const names: string[] = [];
    const c = createStoreController(
      { getCatalog: async () => catalog, cannotPayReason: () => undefined, purchase: async (p) => (names.push(p.name ?? ''), { status: 'paid', orderId: 'o1' }) },
      { language: 'zh_CN', onState: (s) => s.lastResult && states.push(s.lastResult.message) },
    );
    await c.load();
    await c.tap('p1');
    expect(states.at(-1)).toMatch(/^已支付 /);
    expect(names).toEqual(['500 钻石']);
  });

  it('a row of the store built without a prefab: title with badge, price with detail, the button', () => {
    expect(defaultRowLines({ title: '500 钻石', price: '¥9.99', originalPrice: '¥12.99', badge: '首充', detail: '', buyEnabled: true, buyText: '购买' })).toEqual({
      title: '500 钻石  [首充]',
      detail: '¥9.99 (¥12.99)',
      button: '购买',
    });
  });
});

describe('one currency per store', () => {
  it('a CNY store leaves out what the catalog prices in USD, pages included', () => {
    const catalog = catalogOf({
      packs: [pack({ productId: 'cny-pack', currency: 'CNY' }), pack({ productId: 'usd-pack', currency: 'USD' })],
      subscriptions: [sub({ productId: 'usd-sub', currency: 'USD' }), sub({ productId: 'cny-sub', currency: 'CNY' })],
      pages: { discount: sub({ productId: 'usd-page', currency: 'USD' }), secret: null, subscribe: { trial: null, weekly: sub({ productId: 'cny-week', currency: 'CNY' }), yearly: null } },
    });
    const vm = buildStoreViewModel(catalog, { currency: 'CNY' });
    expect(vm.packs.map((p) => p.productId)).toEqual(['cny-pack']);
    expect(vm.subscriptions.map((p) => p.productId)).toEqual(['cny-sub']);
    expect(vm.pages.discount).toBeNull();
    expect(vm.pages.weekly?.productId).toBe('cny-week');
    expect(buildStoreViewModel(catalog).packs).toHaveLength(2);
  });
});
