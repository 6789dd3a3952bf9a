export interface FormatPriceOptions {
    /** Drop a zero fraction (`¥10` rather than `¥10.00`). @default false */
    trimZeroFraction?: boolean;
}
/** Formats amounts of one currency, as `formatPrice` does without options. */
export type PriceFormatter = (amountMinor: number) => string;
export declare function formatPrice(amountMinor: number, currency: string, options?: FormatPriceOptions): string;
/**
 * The formatter of `currency`: what a list of prices in one currency calls per price, so the currency is looked up
 * once per list rather than once per price.
 */
export declare function priceFormatter(currency: string): PriceFormatter;
/** `String(n)` for a count (a non-negative integer), from the same digit tables: `integerText(4090)` → `4090`. */
export declare function integerText(n: number): string;
