export declare function isKnownCurrency(code: string): boolean;
/** Digits after the decimal point for `currency` (KRW, JPY: 0; USD, CNY: 2; KWD: 3). */
export declare function currencyExponent(currency: string): number;
