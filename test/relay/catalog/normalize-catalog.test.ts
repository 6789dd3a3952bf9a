import { normalizeCatalog, withoutUserState } from '../../../src/relay/catalog/normalize-catalog';
import { CatalogSchema, type Catalog } from '../../../src/shared/schemas/catalog';
import { oddCatalog, specSample } from './catalog-fixtures';

const APP = 'wx1234567891234567';

function ok(payload: unknown): { catalog: Catalog; warnings: string[] } {
  const r = normalizeCatalog(payload, APP, 1_700_000_000_000);
  if (!r.ok) throw new Error(r.error);
  expect(CatalogSchema.parse(r.catalog)).toEqual(r.catalog);
  return r;
}

describe('normalizeCatalog on the spec sample', () => {
  const { catalog, warnings } = ok(specSample());

  it('keeps every pack with its price in fen and its diamonds', () => {
    expect(warnings).toEqual([]);
    expect(catalog.packs.map((p) => [p.productId, p.price, p.currency, p.quantity, p.bonus])).toEqual([
      ['500.picsh.cre', 999, 'CNY', 500, 0],
      ['1000.picsh.cre', 1699, 'CNY', 1000, 0],
      ['3000.picsh.cre', 3999, 'CNY', 3000, 0],
      ['5000.picsh.cre', 5999, 'CNY', 5000, 0],
    ]);
  });

  it('maps pack type 1 to the first-charge badge and 0 to none', () => {
    expect(catalog.packs.map((p) => p.badge)).toEqual([null, null, null, 'first-charge']);
  });

  it('prices subscriptions in US cents (美分) and maps types 8 / 9 to creator and ultra packs', () => {
    expect(catalog.subscriptions.map((s) => [s.productId, s.price, s.currency, s.badge, s.period])).toEqual([
      ['week.picsh.cp', 799, 'USD', 'creator-pack', 'week'],
      ['week.picsh.up', 1299, 'USD', 'ultra-pack', 'week'],
    ]);
  });

  it('fills the special pages', () => {
    const { discount, secret, subscribe } = catalog.pages;
    expect([discount?.price, discount?.originalPrice, discount?.discountPeriods]).toEqual([499, 799, 2]);
    expect([secret?.price, secret?.originalPrice]).toEqual([399, 799]);
    expect([subscribe.trial?.price, subscribe.trial?.trialDays, subscribe.trial?.originalPrice]).toEqual([0, 3, 999]);
    expect(subscribe.weekly?.period).toBe('week');
    expect([subscribe.yearly?.period, subscribe.yearly?.perWeek, subscribe.yearly?.perDay]).toEqual(['year', 96, 14]);
  });

  it('is fetched for one udid: per-user fields present', () => {
    expect(catalog.userScoped).toBe(true);
    expect(catalog.packs.every((p) => p.firstChargeOnly === false)).toBe(true);
    expect(catalog.subscriptions.every((s) => s.purchaseCount === 0)).toBe(true);
  });
});

describe('normalizeCatalog on a hand-made catalog with every oddity', () => {
  const { catalog, warnings } = ok(oddCatalog());
  const pack = (id: string) => catalog.packs.find((p) => p.productId === id);

  it('accepts code and numbers sent as strings', () => {
    expect(pack('p.sale')).toMatchObject({ id: 7, price: 4999 });
  });

  it('reads originPrice on a pack and originalPrice on a subscription', () => {
    expect(pack('p.sale')?.originalPrice).toBe(9999);
    expect(catalog.subscriptions.find((s) => s.productId === 's.month')?.originalPrice).toBe(2999);
  });

  it('treats a missing or zero original price as "not discounted"', () => {
    expect(pack('p.unknown-type')?.originalPrice).toBe(999);
    expect(pack('p.more')?.originalPrice).toBe(999);
  });

  it('keeps an unknown type code without a badge', () => {
    expect(pack('p.unknown-type')).toMatchObject({ typeCode: 42, badge: null });
    expect(catalog.subscriptions.find((s) => s.productId === 's.month')).toMatchObject({ typeCode: 77, badge: null });
  });

  it('reads cycle when present and the period label otherwise', () => {
    expect(pack('p.sale')?.cycle).toBe('year');
    expect(pack('p.unknown-type')?.cycle).toBeNull();
    const period = Object.fromEntries(catalog.subscriptions.map((s) => [s.productId, s.period]));
    expect(period).toEqual({ 's.month': 'month', 's.year': 'year', 's.mystery': null });
  });

  it('rounds float averages and keeps 0 where the server computed none', () => {
    const year = catalog.subscriptions.find((s) => s.productId === 's.year');
    expect([year?.perWeek, year?.perDay]).toEqual([96, 14]);
    const month = catalog.subscriptions.find((s) => s.productId === 's.month');
    expect([month?.perWeek, month?.perDay]).toEqual([0, 0]);
  });

  it('keeps per-item currencies, upper-cased, and drops a currency nobody knows', () => {
    expect(pack('p.krw')?.currency).toBe('KRW');
    expect(pack('p.bad-currency')).toBeUndefined();
    expect(warnings).toContainEqual(expect.stringContaining('"ZZZ"'));
  });

  it('drops broken, hidden and duplicate items with a warning naming each, and keeps the rest', () => {
    expect(catalog.packs.map((p) => p.productId)).toEqual(['p.sale', 'p.unknown-type', 'p.first', 'p.more', 'p.krw']);
    expect(warnings.join('\n')).toMatch(/purchaseList\[3\].*productId/);
    expect(warnings.join('\n')).toMatch(/purchaseList\[4\].*price/);
    expect(warnings.join('\n')).toMatch(/purchaseList\[6\].*duplicate productId p\.sale/);
    expect(warnings.join('\n')).toMatch(/purchaseList\[7\]/);
    expect(warnings.join('\n')).toMatch(/discountPage\.discount dropped/);
    expect(warnings.join('\n')).not.toMatch(/p\.hidden/);
  });

  it('leaves missing pages empty', () => {
    expect(catalog.pages.discount).toBeNull();
    expect(catalog.pages.secret).toBeNull();
    expect(catalog.pages.subscribe.yearly).toBeNull();
    expect(catalog.pages.subscribe.weekly).toMatchObject({ price: 799, period: 'week', periodLabel: null });
  });

  it('keeps first-charge limits and purchase counts for the udid it was fetched for', () => {
    expect(pack('p.first')).toMatchObject({ firstChargeOnly: true, purchaseCount: 1 });
    expect(catalog.pages.subscribe.trial).toMatchObject({ trialDays: 7, purchaseCount: 1 });
  });
});

describe('withoutUserState', () => {
  it('nulls every per-user field, everywhere, and says so', () => {
    const { catalog } = ok(oddCatalog());
    const shared = withoutUserState(catalog);
    expect(shared.userScoped).toBe(false);
    const items = [...shared.packs, ...shared.subscriptions, shared.pages.subscribe.trial, shared.pages.subscribe.weekly];
    for (const item of items) expect(item?.purchaseCount).toBeNull();
    for (const p of shared.packs) expect(p.firstChargeOnly).toBeNull();
    expect(JSON.stringify(shared)).not.toMatch(/"purchaseCount":\d/);
    expect(CatalogSchema.safeParse(shared).success).toBe(true);
    // the original is untouched
    expect(catalog.packs.find((p) => p.productId === 'p.first')?.purchaseCount).toBe(1);
  });
});

describe('normalizeCatalog refuses what is not a catalog', () => {
  it.each([
    ['null', null],
    ['a string', 'Service Unavailable'],
    ['an array', []],
    ['an error code', { code: 500, msg: 'db down', data: {} }],
    ['no data', { code: 200, msg: 'SUCCESS' }],
    ['data not an object', { code: 200, data: 'x' }],
  ])('%s', (_name, payload) => {
    const r = normalizeCatalog(payload, APP, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^malformed catalog: /);
  });

  it('accepts an empty but well-formed catalog', () => {
    const { catalog } = ok({ code: 200, data: {} });
    expect(catalog.packs).toEqual([]);
    expect(catalog.subscriptions).toEqual([]);
  });
});
