import type { Period } from '../../shared/schemas/catalog-types';
/**
 * Per-week and per-day prices in minor units for a subscription, rounded half up. The recurring price is what a
 * period costs once any free trial is over: `originalPrice` when the item is free now (a trial), else `price`.
 * The spec's own yearly example checks it: 4999 a year is 96 a week and 14 a day.
 */
export declare function perPeriodPrices(item: {
    price: number;
    originalPrice: number;
    trialDays: number;
    period: Period | null;
}): {
    perWeek: number;
    perDay: number;
};
