import { currencyExponent } from '../../shared/money/currencies';

/**
 * Prices for display, hand-written: some mini-game base libraries ship without `Intl`, and the store must look
 * the same on all of them. `formatPrice(999, 'CNY')` → `¥9.99`, `(4999, 'USD')` → `$49.99`, `(1200, 'KRW')` →
 * `₩1,200`. A currency without a symbol here is written with its code (`CHF 12.50`).
 */
const SYMBOLS: Readonly<Record<string, string>> = {
  CNY: '¥', JPY: '¥', USD: '$', KRW: '₩', EUR: '€', GBP: '£', HKD: 'HK$', TWD: 'NT$', MOP: 'MOP$', SGD: 'S$',
  AUD: 'A$', CAD: 'CA$', NZD: 'NZ$', MXN: 'MX$', BRL: 'R$', INR: '₹', RUB: '₽', THB: '฿', VND: '₫', PHP: '₱',
  IDR: 'Rp', MYR: 'RM', TRY: '₺', ILS: '₪', UAH: '₴', NGN: '₦',
};

export interface FormatPriceOptions {
  /** Drop a zero fraction (`¥10` rather than `¥10.00`). @default false */
  trimZeroFraction?: boolean;
}

interface CurrencyFormat {
  exp: number;
  prefix: string;
  /** `formatPrice(n, currency)` for this currency. */
  format: PriceFormatter;
}

/** Formats amounts of one currency, as `formatPrice` does without options. */
export type PriceFormatter = (amountMinor: number) => string;

/** Per currency, so the exponent table and symbol are looked up once, not per price. */
const formats = new Map<string, CurrencyFormat>();

export function formatPrice(amountMinor: number, currency: string, options?: FormatPriceOptions): string {
  const f = formatOf(currency);
  return options && options.trimZeroFraction === true ? format(amountMinor, f, true) : f.format(amountMinor);
}

/**
 * The formatter of `currency`: what a list of prices in one currency calls per price, so the currency is looked up
 * once per list rather than once per price.
 */
export function priceFormatter(currency: string): PriceFormatter {
  return formatOf(currency).format;
}

function formatOf(currency: string): CurrencyFormat {
  let f = formats.get(currency);
  if (!f) {
    const c: CurrencyFormat = { exp: exponentOf(currency), prefix: SYMBOLS[currency] ?? `${currency} `, format: (n) => format(n, c, false) };
    // The common case, two decimals and a price under a thousand, without padding or grouping work.
    if (c.exp === 2) c.format = (n) => (n >= 0 && n < 100000 && n % 1 === 0 ? c.prefix + ((n / 100) | 0) + FRACTIONS_2[n % 100] : format(n, c, false));
    formats.set(currency, c);
    f = c;
  }
  return f;
}

/** `.00` … `.99`. */
const FRACTIONS_2 = Array.from({ length: 100 }, (_, i) => (i < 10 ? '.0' : '.') + i);

function format(amountMinor: number, f: CurrencyFormat, trimZeroFraction: boolean): string {
  // Integer arithmetic rather than string surgery: a cold render formats a few thousand prices.
  const negative = amountMinor < 0;
  const abs = Math.round(negative ? -amountMinor : amountMinor);
  const pow = POW10[f.exp] ?? 10 ** f.exp;
  const whole = Math.floor(abs / pow);
  const fracValue = abs - whole * pow;
  let text = f.prefix + (whole < 1000 ? String(whole) : groupThousands(String(whole)));
  if (f.exp > 0 && !(trimZeroFraction && fracValue === 0)) {
    const frac = String(fracValue);
    text += frac.length === f.exp ? `.${frac}` : `.${'0'.repeat(f.exp - frac.length)}${frac}`;
  }
  return negative ? `-${text}` : text;
}

const POW10 = [1, 10, 100, 1000, 10000];

function exponentOf(currency: string): number {
  try {
    return currencyExponent(currency);
  } catch {
    // An unknown code is displayed, not refused: the relay has already vetted what it serves.
    return 2;
  }
}

function groupThousands(whole: string): string {
  if (whole.length <= 3) return whole;
  let out = whole.slice(0, whole.length % 3 || 3);
  for (let i = out.length; i < whole.length; i += 3) out += `,${whole.slice(i, i + 3)}`;
  return out;
}
