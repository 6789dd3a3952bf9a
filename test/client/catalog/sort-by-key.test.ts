import fc from 'fast-check';
import { sortByKey } from '../../../src/client/catalog/sort-by-key';
import { sortPacks, sortSubscriptions } from '../../../src/client/catalog/store-view-model';
import { pack, subscription } from './catalogs';

type Item = { k: number; q: number; id: string };
const compare = (a: Item, b: Item) => a.k - b.k || b.q - a.q || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const item = fc.record({ k: fc.nat({ max: 60 }), q: fc.nat({ max: 5 }), id: fc.string({ maxLength: 3 }) });

describe('sortByKey', () => {
  it('orders exactly as the comparator does, ties included', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 300 }), (items) => {
        expect(sortByKey(items, (i) => i.k, compare)).toEqual(items.slice().sort(compare));
      }),
      { numRuns: 300 },
    );
  });

  it('orders exactly as the comparator does with keys too large for the 32-bit path', () => {
    const big = fc.record({ k: fc.constantFrom(0, 5, 2 ** 30, 2 ** 30 + 1, 1e12, 1e12 - 1), q: fc.nat({ max: 5 }), id: fc.string({ maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(big, { maxLength: 300 }), (items) => {
        expect(sortByKey(items, (i) => i.k, compare)).toEqual(items.slice().sort(compare));
      }),
      { numRuns: 200 },
    );
  });

  it('falls back to the comparator when packed keys would not be exact', () => {
    const items = [{ k: 2 ** 52, q: 0, id: 'b' }, { k: 2 ** 52 - 1, q: 0, id: 'a' }, { k: 3, q: 0, id: 'c' }];
    expect(sortByKey(items, (i) => i.k, compare).map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });

  it('returns a copy, leaving the input alone', () => {
    const items = [{ k: 2, q: 0, id: 'b' }, { k: 1, q: 0, id: 'a' }];
    const out = sortByKey(items, (i) => i.k, compare);
    expect(out).not.toBe(items);
    expect(items.map((i) => i.id)).toEqual(['b', 'a']);
    const sorted = sortByKey(out, (i) => i.k, compare);
    expect(sorted).not.toBe(out);
  });
});

describe('store sort orders on random catalogs', () => {
  it('packs: price, then more diamonds, then product id', () => {
    const packArb = fc.record({ price: fc.nat({ max: 30 }), quantity: fc.nat({ max: 3 }), bonus: fc.nat({ max: 3 }), productId: fc.string({ minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(packArb, { maxLength: 200 }), (raw) => {
        const packs = raw.map((r) => pack(r));
        const sorted = sortPacks(packs);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1];
          const b = sorted[i];
          expect(a.price < b.price || (a.price === b.price && (a.quantity + a.bonus > b.quantity + b.bonus || (a.quantity + a.bonus === b.quantity + b.bonus && a.productId <= b.productId)))).toBe(true);
        }
        expect(sorted).toHaveLength(packs.length);
      }),
    );
  });

  it('subscriptions: group (ungrouped last, negative groups first), then price, then product id', () => {
    const subArb = fc.record({ group: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }), price: fc.nat({ max: 30 }), productId: fc.string({ minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(subArb, { maxLength: 200 }), (raw) => {
        const sorted = sortSubscriptions(raw.map((r) => subscription(r)));
        const g = (x: { group: number | null }) => (x.group === null ? Infinity : x.group);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1];
          const b = sorted[i];
          expect(g(a) < g(b) || (g(a) === g(b) && (a.price < b.price || (a.price === b.price && a.productId <= b.productId)))).toBe(true);
        }
      }),
    );
  });
});
