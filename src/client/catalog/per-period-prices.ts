import type { Period } from '../../shared/schemas/catalog-types';

const DAYS: Readonly<Record<Period, number>> = { week: 7, month: 365 / 12, year: 365 };

/**
 * Per-week and per-day prices in minor units for a subscription, rounded half up. The recurring price is what a
 * period costs once any free trial is over: `originalPrice` when the item is free now (a trial), else `price`.
 * The spec's own yearly example checks it: 4999 a year is 96 a week and 14 a day.
 */
export function perPeriodPrices(item: {
  price: number;
  originalPrice: number;
  trialDays: number;
  period: Period | null;
}): { perWeek: number; perDay: number } {
  if (!item.period) return { perWeek: 0, perDay: 0 };
  const recurring = item.price === 0 && item.trialDays > 0 ? item.originalPrice : item.price;
  const days = DAYS[item.period];
  return { perWeek: Math.round((recurring * 7) / days), perDay: Math.round(recurring / days) };
}
