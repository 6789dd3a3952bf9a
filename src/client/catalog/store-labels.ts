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

export const ENGLISH_LABELS: StoreLabels = {
  badges: {
    'first-charge': 'First charge',
    recommend: 'Recommended',
    hot: 'Hot',
    'best-deal': 'Best deal',
    discount: 'Sale',
    'creator-pack': 'Creator pack',
    'ultra-pack': 'Ultra pack',
  },
  perPeriod: { week: '/wk', month: '/mo', year: '/yr' },
  perDay: '/day',
  trial: (days) => `${days}-day free trial`,
  intro: (price, n, period, then) =>
    `${price} for ${n} ${period ? period + (n === 1 ? '' : 's') : n === 1 ? 'period' : 'periods'}, then ${then}`,
  periodNames: { week: 'Weekly', month: 'Monthly', year: 'Yearly' },
  percentOff: (p) => `-${p}%`,
};
