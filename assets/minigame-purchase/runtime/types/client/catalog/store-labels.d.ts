import type { PackBadge, Period, SubscriptionBadge } from '../../shared/schemas/catalog-types';
import type { CannotPurchaseReason } from './can-purchase';
/**
 * Every word the store writes: the view model (badges, trials, per-period prices), the rows (titles, buttons,
 * why an item cannot be bought) and the status line. English and Simplified Chinese are built in and chosen from
 * the platform's language (`storeLabelsFor`); a game overrides any of them.
 */
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
    /** What the game calls its currency when it does not say. */
    unit: string;
    /** A row's title: `500 diamonds`. */
    title(quantityText: string, unit: string): string;
    buy: string;
    tryFree: string;
    /** Why a row cannot be bought, in place of its detail line. */
    reasons: Record<CannotPurchaseReason, string>;
    loading: string;
    unavailable(error: string): string;
    stale: string;
    sandbox: string;
    paid(priceText: string): string;
    cancelled: string;
    failed(error: string | undefined): string;
}
export declare const ENGLISH_LABELS: StoreLabels;
export declare const CHINESE_LABELS: StoreLabels;
/**
 * The labels for a platform language (`zh_CN`, `zh-TW`, `en-US`, as `getAppBaseInfo().language` or
 * `navigator.language` give it): Chinese for `zh*`, English otherwise; `overrides` replace single labels.
 */
export declare function storeLabelsFor(language: string | undefined, overrides?: Partial<StoreLabels>): StoreLabels;
