/**
 * ISO 4217 minor-unit exponents. Only currencies whose exponent is not 2 are listed in EXPONENT_EXCEPTIONS;
 * KNOWN lists the codes we accept (the common ones of the markets the platforms serve).
 */
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

const KNOWN = new Set(
  (
    'AED ARS AUD BDT BGN BRL CAD CHF CNY COP CZK DKK EGP EUR GBP HKD HUF IDR ILS INR KES KZT MAD MOP MXN MYR ' +
    'NGN NOK NZD PEN PHP PKR PLN QAR RON RSD RUB SAR SEK SGD THB TRY TWD UAH USD ZAR'
  )
    .split(' ')
    .concat(Object.keys(EXPONENT_EXCEPTIONS)),
);

export function isKnownCurrency(code: string): boolean {
  return KNOWN.has(code);
}

/** Digits after the decimal point for `currency` (KRW, JPY: 0; USD, CNY: 2; KWD: 3). */
export function currencyExponent(currency: string): number {
  if (!KNOWN.has(currency)) throw new RangeError(`unknown currency ${JSON.stringify(currency)}`);
  return EXPONENT_EXCEPTIONS[currency] ?? 2;
}
