import fc from 'fast-check';
import { formatPrice, integerText, priceFormatter } from '../../../src/client/catalog/format-price';
import { toDecimalString } from '../../../src/shared/money/minor-units';

describe('formatPrice', () => {
  it.each([
    [999, 'CNY', '¥9.99'],
    [4999, 'USD', '$49.99'],
    [1200, 'KRW', '₩1,200'],
    [0, 'USD', '$0.00'],
    [5, 'CNY', '¥0.05'],
    [123456789, 'USD', '$1,234,567.89'],
    [1000000, 'KRW', '₩1,000,000'],
    [100, 'JPY', '¥100'],
    [1500, 'KWD', 'KWD 1.500'],
    [1250, 'CHF', 'CHF 12.50'],
    [-999, 'CNY', '-¥9.99'],
  ])('%d %s → %s', (amount, currency, text) => {
    expect(formatPrice(amount, currency)).toBe(text);
  });

  it('drops a zero fraction only when asked', () => {
    expect(formatPrice(1000, 'CNY', { trimZeroFraction: true })).toBe('¥10');
    expect(formatPrice(1050, 'CNY', { trimZeroFraction: true })).toBe('¥10.50');
    expect(formatPrice(1000, 'CNY')).toBe('¥10.00');
  });

  it('writes an unknown currency with its code and two decimals rather than failing', () => {
    expect(formatPrice(999, 'XYZ')).toBe('XYZ 9.99');
  });

  it('agrees digit for digit with the shared minor-unit conversion, for every exponent', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e12 }), fc.constantFrom('CNY', 'USD', 'KRW', 'JPY', 'KWD', 'EUR'), (amount, cur) => {
        const shown = formatPrice(amount, cur).replace(/^[^0-9]*/, '').replace(/,/g, '');
        expect(shown).toBe(toDecimalString(amount, cur));
      }),
    );
  });

  it('stays right over thousands of distinct prices', () => {
    for (let amount = 0; amount < 6000; amount += 1) {
      expect(formatPrice(amount, 'USD').slice(1).replace(/,/g, '')).toBe(toDecimalString(amount, 'USD'));
    }
    expect(formatPrice(999, 'CNY')).toBe('¥9.99');
  });

  it('does not use Intl (some mini-game base libraries lack it)', () => {
    const saved = globalThis.Intl;
    try {
      (globalThis as { Intl?: unknown }).Intl = undefined;
      expect(formatPrice(120000, 'KRW')).toBe('₩120,000');
    } finally {
      globalThis.Intl = saved;
    }
  });
});

describe('the table-built texts agree with the general ones', () => {
  it('integerText is String for any number', () => {
    for (const n of [0, -0, 7, 999, 1000, 1001, 4090, 99999, 999999, 1e6, 123456789, -5, 2.5, NaN]) expect(integerText(n)).toBe(String(n));
    fc.assert(fc.property(fc.nat({ max: 2e6 }), (n) => expect(integerText(n)).toBe(String(n))));
  });

  it('negative, fractional and large amounts (the general path) read as the shared conversion says', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1e15, max: 9e15 })),
        fc.constantFrom('CNY', 'USD', 'KRW', 'JPY', 'KWD'),
        (n, c) => {
          const minor = Math.round(Math.abs(n));
          const text = priceFormatter(c)(n);
          if (n >= 0) expect(text.startsWith('-')).toBe(false);
          if (n <= -0.5) expect(text.startsWith('-')).toBe(true);
          expect(text.replace(/^-?[^0-9]*/, '').replace(/,/g, '')).toBe(toDecimalString(minor, c));
        },
      ),
    );
    expect(priceFormatter('KRW')(1234567)).toBe('₩1,234,567');
    expect(priceFormatter('USD')(100000)).toBe('$1,000.00');
    expect(priceFormatter('KWD')(1005)).toBe('KWD 1.005');
    expect(priceFormatter('CNY')(-999)).toBe('-¥9.99');
  });
});
