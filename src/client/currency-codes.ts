/**
 * The ISO 4217 codes the shared schemas accept (`isKnownCurrency` in src/shared/money/currencies.ts), as one sorted
 * line: importing the shared module would also bring its exponent table, which the kit does not use, into the bundle
 * a game ships. `test/client/report/currency-codes.test.ts` asserts the two agree on every three-letter code.
 */
const CODES = new Set(
  (
    'AED ARS AUD BDT BGN BHD BIF BRL CAD CHF CLP CNY COP CZK DJF DKK EGP EUR GBP GNF HKD HUF IDR ILS INR IQD ISK JOD ' +
    'JPY KES KMF KRW KWD KZT LYD MAD MOP MXN MYR NGN NOK NZD OMR PEN PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SEK SGD ' +
    'THB TND TRY TWD UAH UGX USD UYI VND VUV XAF XOF XPF ZAR'
  ).split(' '),
);

/** Whether the relay's schema accepts `code` as a currency. */
export function isKnownCurrency(code: string): boolean {
  return CODES.has(code);
}
