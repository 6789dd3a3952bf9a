import fc from 'fast-check';
import { catalogProblem, isCatalog } from '../../../src/client/catalog/catalog-guard';
import { CatalogSchema, PACK_BADGES, PERIODS, SUBSCRIPTION_BADGES } from '../../../src/shared/schemas/catalog';
import { oddNormalizedCatalog, sampleCatalog } from './catalogs';

const minor = fc.nat({ max: 1e12 });
const nullableInt = fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null });
const base = {
  id: nullableInt,
  productId: fc.string({ minLength: 1, maxLength: 20 }),
  price: minor,
  originalPrice: minor,
  currency: fc.constantFrom('CNY', 'USD', 'KRW', 'JPY', 'EUR'),
  quantity: fc.nat(),
  bonus: fc.nat(),
  typeCode: nullableInt,
  purchaseCount: fc.option(fc.nat(), { nil: null }),
};
const packArb = fc.record({
  ...base,
  badge: fc.option(fc.constantFrom(...PACK_BADGES), { nil: null }),
  cycle: fc.option(fc.constantFrom(...PERIODS), { nil: null }),
  firstChargeOnly: fc.option(fc.boolean(), { nil: null }),
});
const subArb = fc.record({
  ...base,
  badge: fc.option(fc.constantFrom(...SUBSCRIPTION_BADGES), { nil: null }),
  period: fc.option(fc.constantFrom(...PERIODS), { nil: null }),
  periodLabel: fc.option(fc.string(), { nil: null }),
  trialDays: fc.nat(30),
  discountPeriods: fc.nat(5),
  group: nullableInt,
  perWeek: minor,
  perDay: minor,
});
const page = fc.option(subArb, { nil: null });
const catalogArb = fc.record({
  version: fc.constant(1),
  appId: fc.string({ minLength: 1, maxLength: 20 }),
  fetchedAt: fc.nat(),
  stale: fc.boolean(),
  userScoped: fc.boolean(),
  packs: fc.array(packArb, { maxLength: 4 }),
  subscriptions: fc.array(subArb, { maxLength: 3 }),
  pages: fc.record({ discount: page, secret: page, subscribe: fc.record({ trial: page, weekly: page, yearly: page }) }),
});

/** Values that break one field or another, and a few that do not. */
const junk = fc.constantFrom<unknown>(
  undefined, null, -1, 0, 1, 1.5, NaN, Infinity, 2 ** 53, 1e12 + 1, '', 'x', 'CNY', 'cny', 'week', 'decade', 'hot',
  'ultra-pack', true, false, [], {}, [1], { a: 1 }, 'a'.repeat(513),
// A fresh copy each time: a mutation may write into an object it placed earlier, and a shared constant would then
// carry that write (even a cycle) into later runs.
).map((v) => (typeof v === 'object' && v !== null ? (JSON.parse(JSON.stringify(v)) as unknown) : v));

/** Every path to a value inside `v`, the root excluded. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => [[...prefix, k], ...paths((v as Record<string | number, unknown>)[k], [...prefix, k])]);
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(cur)) delete cur[last];
  else cur[last] = value;
}

describe('the client catalog guard agrees with the shared zod schema', () => {
  it('accepts the normalized spec sample and the odd catalog', () => {
    expect(catalogProblem(sampleCatalog())).toBeNull();
    expect(catalogProblem(oddNormalizedCatalog())).toBeNull();
  });

  it('on generated valid catalogs', () => {
    fc.assert(
      fc.property(catalogArb, (c) => {
        expect(CatalogSchema.safeParse(c).success).toBe(true);
        expect(catalogProblem(c)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('on generated catalogs with one to three fields broken (same verdict either way)', () => {
    let rejected = 0;
    fc.assert(
      fc.property(catalogArb, fc.array(fc.tuple(fc.nat(), junk), { minLength: 1, maxLength: 3 }), (c, mutations) => {
        for (const [pick, value] of mutations) {
          const all = paths(c);
          if (all.length) setAt(c, all[pick % all.length], value);
        }
        const zodOk = CatalogSchema.safeParse(c).success;
        if (!zodOk) rejected++;
        expect(isCatalog(c)).toBe(zodOk);
      }),
      { numRuns: 2000 },
    );
    // The mutations must actually exercise the refusals, not only harmless spots.
    expect(rejected).toBeGreaterThan(1000);
  });

  it.each([null, 'catalog', [], 42])('refuses %p', (v) => {
    expect(isCatalog(v)).toBe(false);
  });

  it('names the field at fault', () => {
    const c = sampleCatalog() as unknown as { packs: { price: unknown }[] };
    (c.packs[2]).price = '39.99';
    expect(catalogProblem(c)).toBe('packs[2].price: expected minor units');
  });
});
