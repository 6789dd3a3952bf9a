import type { PackBadge, Period, SubscriptionBadge } from '../../shared/schemas/catalog-types';
/** Every word the store view model writes. English by default; a game passes its own (`labels` option). */
export interface StoreLabels {
    badges: Record<PackBadge | SubscriptionBadge, string>;
    /** Unit after a per-period price: `$0.96/wk`. */
    perPeriod: Record<Period, string>;
    perDay: string;
    /** `3-day free trial`. */
    trial(days: number): string;
    /** `$4.99 for 2 weeks, then $7.99/wk`. */
    intro(priceText: string, periods: number, period: Period | null, thenText: string): string;
    periodNames: Record<Period, string>;
    /** Percent off: `-37%`. */
    percentOff(percent: number): string;
}
export declare const ENGLISH_LABELS: StoreLabels;
