/** Whether the relay's schema accepts `code` as a currency. */
export declare function isKnownCurrency(code: string): boolean;
