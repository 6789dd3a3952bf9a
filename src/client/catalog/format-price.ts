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

export function formatPrice(amountMinor: number, currency: string, options: FormatPriceOptions = {}): string {
  const exp = exponentOf(currency);
  const negative = amountMinor < 0;
  const digits = String(Math.round(Math.abs(amountMinor))).padStart(exp + 1, '0');
  const whole = groupThousands(digits.slice(0, digits.length - exp));
  let frac = exp > 0 ? digits.slice(digits.length - exp) : '';
  if (options.trimZeroFraction && /^0*$/.test(frac)) frac = '';
  const number = frac ? `${whole}.${frac}` : whole;
  const symbol = SYMBOLS[currency];
  const text = symbol ? `${symbol}${number}` : `${currency} ${number}`;
  return negative ? `-${text}` : text;
}

function exponentOf(currency: string): number {
  try {
    return currencyExponent(currency);
  } catch {
    // An unknown code is displayed, not refused: the relay has already vetted what it serves.
    return 2;
  }
}

function groupThousands(whole: string): string {
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return out;
}
