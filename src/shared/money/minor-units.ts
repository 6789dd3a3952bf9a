import { currencyExponent } from './currencies';

/**
 * Minor units → the decimal an upstream wants (Hive `product_price`, Kakao `price`), as a number.
 * Exact for every integer amount below 2^53 / 10^exponent: the division is done on the decimal string,
 * never on a float product, so 999 CNY fen is 9.99 and not 9.990000000000002.
 */
export function toDecimal(amountMinor: number, currency: string): number {
  return Number(toDecimalString(amountMinor, currency));
}

/** Minor units → a plain decimal string with exactly `exponent` digits ("9.99", "1200", "1.500"). */
export function toDecimalString(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount must be a safe integer, got ${amountMinor}`);
  const exp = currencyExponent(currency);
  const negative = amountMinor < 0;
  const digits = String(Math.abs(amountMinor)).padStart(exp + 1, '0');
  const whole = digits.slice(0, digits.length - exp);
  const frac = digits.slice(digits.length - exp);
  return (negative ? '-' : '') + (exp === 0 ? whole : `${whole}.${frac}`);
}

/** A decimal string or number in currency units → minor units, refusing anything that is not exact. */
export function fromDecimal(value: string | number, currency: string): number {
  const exp = currencyExponent(currency);
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal amount: ${JSON.stringify(value)}`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > exp) throw new RangeError(`${text} has more than ${exp} decimals for ${currency}`);
  const minor = Number(m[2] + frac.padEnd(exp, '0'));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount out of range: ${text}`);
  return m[1] ? -minor : minor;
}
