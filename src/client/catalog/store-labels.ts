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
  unit: 'diamonds',
  title: (quantity, unit) => `${quantity} ${unit}`,
  buy: 'Buy',
  tryFree: 'Try free',
  reasons: {
    'limit-reached': 'Already bought',
    'platform-cannot-pay': 'Not available on this device',
    'trial-used': 'Trial already used',
    'user-state-unknown': 'Connect to check',
    'purchase-in-progress': 'Payment in progress',
    'not-for-sale': 'Not for sale',
  },
  loading: 'Loading…',
  unavailable: (error) => `Store unavailable: ${error}`,
  stale: 'Prices may be out of date',
  sandbox: 'SANDBOX: no real money is charged',
  paid: (price) => `Paid ${price}`,
  cancelled: 'Cancelled',
  failed: (error) => `Payment failed${error ? `: ${error}` : ''}`,
};

const PERIOD_ZH: Record<Period, string> = { week: '周', month: '月', year: '年' };

export const CHINESE_LABELS: StoreLabels = {
  badges: {
    'first-charge': '首充',
    recommend: '推荐',
    hot: '热卖',
    'best-deal': '超值',
    discount: '特惠',
    'creator-pack': '创作者礼包',
    'ultra-pack': '至尊礼包',
  },
  perPeriod: { week: '/周', month: '/月', year: '/年' },
  perDay: '/天',
  trial: (days) => `免费试用${days}天`,
  intro: (price, n, period, then) => `前${n}${period ? PERIOD_ZH[period] : '期'} ${price}，之后 ${then}`,
  periodNames: { week: '周卡', month: '月卡', year: '年卡' },
  percentOff: (p) => `-${p}%`,
  unit: '钻石',
  title: (quantity, unit) => `${quantity} ${unit}`,
  buy: '购买',
  tryFree: '免费试用',
  reasons: {
    'limit-reached': '已购买',
    'platform-cannot-pay': '此设备暂不支持购买',
    'trial-used': '已试用过',
    'user-state-unknown': '联网后查看',
    'purchase-in-progress': '支付中',
    'not-for-sale': '暂不出售',
  },
  loading: '加载中…',
  unavailable: (error) => `商店暂不可用：${error}`,
  stale: '价格可能不是最新',
  sandbox: '沙盒：不会真实扣款',
  paid: (price) => `已支付 ${price}`,
  cancelled: '已取消',
  failed: (error) => `支付失败${error ? `：${error}` : ''}`,
};

/**
 * The labels for a platform language (`zh_CN`, `zh-TW`, `en-US`, as `getAppBaseInfo().language` or
 * `navigator.language` give it): Chinese for `zh*`, English otherwise; `overrides` replace single labels.
 */
export function storeLabelsFor(language: string | undefined, overrides: Partial<StoreLabels> = {}): StoreLabels {
  const base = /^zh/i.test(language ?? '') ? CHINESE_LABELS : ENGLISH_LABELS;
  const own: Partial<StoreLabels> = {};
  for (const key of Object.keys(overrides) as Array<keyof StoreLabels>) {
    if (overrides[key] !== undefined && overrides[key] !== '') (own as Record<string, unknown>)[key] = overrides[key];
  }
  return { ...base, ...own };
}
