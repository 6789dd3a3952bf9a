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
    const exp = exponentOf(currency);
    const prefix = SYMBOLS[currency] ?? `${currency} `;
    const pow = POW10[exp] ?? 10 ** exp;
    /** The symbol and the whole part, for whole parts below 1000 (most prices): one table read, no concatenation. */
    let heads: string[] | undefined;
    const c: CurrencyFormat = {
      exp,
      prefix,
      // The common case, a whole number of minor units, in number arithmetic with no padding or slicing;
      // anything else (negative, fractional, huge) goes the general way.
      format: (n) => {
        if (!(n >= 0 && n <= MAX_FAST && n % 1 === 0)) return format(n, c, false);
        const whole = exp === 0 ? n : Math.floor(n / pow);
        const h = (heads ||= BELOW_1000.map((d) => prefix + d));
        const low = whole % 1000;
        const text = whole < 1000 ? h[whole] : whole < 1e6 ? h[(whole - low) / 1000] + GROUPS[low] : prefix + groupInteger(whole);
        return exp === 0 ? text : text + (exp === 2 ? FRACTIONS_2[n - whole * 100] : fraction(n - whole * pow, exp));
      },
    };
    formats.set(currency, c);
    f = c;
  }
  return f;
}

/** Up to here `formatPrice` takes the fast path (1e15: every digit exact in a double). */
const MAX_FAST = 1e15;

/** `1234567` → `1,234,567`, for a non-negative integer. */
function groupInteger(n: number): string {
  const low = n % 1000;
  const high = (n - low) / 1000;
  return (high < 1000 ? BELOW_1000[high] : groupInteger(high)) + GROUPS[low];
}

// Number-to-text conversion is most of what formatting a price costs (a cache miss per distinct number in V8): the
// digits of 0..999 are written once, and a price is put together from them.
/** `String(n)` for a count (a non-negative integer), from the same digit tables: `integerText(4090)` → `4090`. */
export function integerText(n: number): string {
  if (n >= 0 && n < 1e6 && n % 1 === 0) return n < 1000 ? BELOW_1000[n] : BELOW_1000[(n / 1000) | 0] + PADDED_3[n % 1000];
  return String(n);
}

/** `0` … `999`. */
const BELOW_1000 = Array.from({ length: 1000 }, (_, i) => String(i));
/** `000` … `999`. */
const PADDED_3 = BELOW_1000.map((d) => (d.length === 1 ? '00' : d.length === 2 ? '0' : '') + d);
/** `,000` … `,999`. */
const GROUPS = PADDED_3.map((d) => ',' + d);

/** The decimal part of an amount: `.` and `exp` digits. */
function fraction(frac: number, exp: number): string {
  const digits = String(frac);
  return digits.length === exp ? `.${digits}` : `.${'0'.repeat(exp - digits.length)}${digits}`;
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
