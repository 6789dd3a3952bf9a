export interface FormatPriceOptions {
    /** Drop a zero fraction (`¥10` rather than `¥10.00`). @default false */
    trimZeroFraction?: boolean;
}
export declare function formatPrice(amountMinor: number, currency: string, options?: FormatPriceOptions): string;
