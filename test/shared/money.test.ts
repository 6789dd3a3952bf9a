import fc from 'fast-check';
import { currencyExponent, isKnownCurrency } from '../../src/shared/money/currencies';
import { fromDecimal, toDecimal, toDecimalString } from '../../src/shared/money/minor-units';

/** One currency of each exponent the table has. */
const BY_EXPONENT: Record<number, string> = { 0: 'KRW', 2: 'CNY', 3: 'KWD' };
const currency = fc.constantFrom('KRW', 'JPY', 'VND', 'CNY', 'USD', 'EUR', 'KWD', 'BHD', 'TND');
/** Below 10^15 every decimal of at most 15 significant digits survives a round trip through a double. */
const amount = fc.integer({ min: -(10 ** 15), max: 10 ** 15 });

describe('money: minor units ↔ decimal', () => {
  it.each([
    [999, 'CNY', 9.99, '9.99'],
    [1200, 'KRW', 1200, '1200'],
    [1, 'JPY', 1, '1'],
    [1, 'CNY', 0.01, '0.01'],
    [0, 'USD', 0, '0.00'],
    [1500, 'KWD', 1.5, '1.500'],
    [-250, 'EUR', -2.5, '-2.50'],
  ])('%i minor units of %s → %s ("%s")', (minor, cur, num, str) => {
    expect(toDecimal(minor, cur)).toBe(num);
    expect(toDecimalString(minor, cur)).toBe(str);
  });

  it('knows the exponent of each currency: KRW/JPY 0, CNY/USD 2, KWD 3', () => {
    expect(Object.entries(BY_EXPONENT).map(([, c]) => currencyExponent(c))).toEqual([0, 2, 3]);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(() => currencyExponent('XXX')).toThrow(RangeError);
    expect(isKnownCurrency('CNY') && !isKnownCurrency('ABC')).toBe(true);
  });

  it('round-trips toDecimalString → fromDecimal for every exponent', () => {
    fc.assert(fc.property(amount, currency, (n, c) => expect(fromDecimal(toDecimalString(n, c), c)).toBe(n)), { numRuns: 5000 });
  });

  it('round-trips toDecimal → fromDecimal through a number, without float artefacts', () => {
    fc.assert(
      fc.property(amount, currency, (n, c) => {
        const d = toDecimal(n, c);
        expect(fromDecimal(d, c)).toBe(n);
        // the printed number is the exact decimal, trailing zeros aside: 9.99, never 9.990000000000002
        const exact = toDecimalString(n, c).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
        expect(String(d)).toBe(exact === '-0' ? '0' : exact);
      }),
      { numRuns: 5000 },
    );
  });

  it('writes exactly `exponent` decimals', () => {
    fc.assert(
      fc.property(amount, currency, (n, c) => {
        const s = toDecimalString(n, c);
        const exp = currencyExponent(c);
        expect(s.includes('.') ? s.split('.')[1].length : 0).toBe(exp);
      }),
    );
  });

  it('refuses what is not exact: more decimals than the currency has, non-decimals, unsafe integers', () => {
    expect(() => fromDecimal('9.999', 'CNY')).toThrow(/more than 2 decimals/);
    expect(() => fromDecimal('1.5', 'KRW')).toThrow(RangeError);
    expect(() => fromDecimal('1e3', 'USD')).toThrow(RangeError);
    expect(() => fromDecimal('abc', 'USD')).toThrow(RangeError);
    expect(() => toDecimal(0.5, 'USD')).toThrow(RangeError);
    expect(() => toDecimal(2 ** 53, 'USD')).toThrow(RangeError);
    expect(fromDecimal('9.990', 'CNY')).toBe(999);
    expect(fromDecimal(' 12.23 ', 'USD')).toBe(1223);
  });
});
