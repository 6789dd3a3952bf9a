import type {
  Catalog,
  CatalogPack,
  CatalogSubscription,
  PackBadge,
  Period,
  SubscriptionBadge,
} from '../../shared/schemas/catalog-types';
import { canPurchase, type PurchaseCheck, type PurchaseContext } from './can-purchase';
import { integerText, priceFormatter } from './format-price';
import type { PriceFormatter } from './format-price';
import { perPeriodPrices } from './per-period-prices';
import { sortByKey } from './sort-by-key';
import { ENGLISH_LABELS, type StoreLabels } from './store-labels';

/**
 * The store view model: everything a store screen shows, computed once from the catalog by a pure function.
 * The Cocos components and the demo page only copy these strings into nodes.
 */
export interface StoreViewModel {
  /** The catalog is an older copy (source or network failed): the UI may say prices could be out of date. */
  stale: boolean;
  packs: PackView[];
  subscriptions: SubscriptionView[];
  pages: {
    discount: SubscriptionView | null;
    secret: SubscriptionView | null;
    trial: SubscriptionView | null;
    weekly: SubscriptionView | null;
    yearly: SubscriptionView | null;
  };
}

interface ItemView {
  /** Stable key for lists: the product id. */
  key: string;
  productId: string;
  priceText: string;
  /** The struck-through price, only when it is higher than `priceText`. */
  originalPriceText: string | null;
  /** Whole percent off, rounded down so the store never overstates a discount; 0 when none. */
  percentOff: number;
  percentOffText: string | null;
  badgeText: string | null;
  canPurchase: PurchaseCheck;
}

export interface PackView extends ItemView {
  kind: 'pack';
  badge: PackBadge | null;
  quantity: number;
  bonus: number;
  /** `500` or `500 + 50`. */
  quantityText: string;
  firstChargeOnly: boolean | null;
  /** The catalog item, to hand to `kit.purchase`. */
  item: CatalogPack;
}

export interface SubscriptionView extends ItemView {
  kind: 'subscription';
  badge: SubscriptionBadge | null;
  quantity: number;
  bonus: number;
  quantityText: string;
  period: Period | null;
  /** The server's wording when it sent one (`First week`), else ours (`Weekly`); null when unknown. */
  periodText: string | null;
  trialDays: number;
  trialText: string | null;
  /** Minor units per week and per day; computed from the period when the server sent 0. */
  perWeek: number;
  perDay: number;
  perWeekText: string | null;
  perDayText: string | null;
  /** What a period costs after the trial or intro offer, e.g. `$7.99/wk`. */
  renewalText: string | null;
  /** `$4.99 for 2 weeks, then $7.99/wk` for an intro offer; null otherwise. */
  introText: string | null;
  item: CatalogSubscription;
}

export interface StoreViewOptions extends PurchaseContext {
  /** Words to use instead of the English ones. @default ENGLISH_LABELS */
  labels?: StoreLabels;
  /**
   * The one currency this store sells in (`CNY` for a Chinese store): items priced in another are left out, so one
   * store never shows ¥ and $ side by side. A game selling in two currencies serves a catalog per region.
   * @default every item, whatever its currency
   */
  currency?: string;
}

export function buildStoreViewModel(catalog: Catalog, options: StoreViewOptions = {}): StoreViewModel {
  const labels = options.labels ?? ENGLISH_LABELS;
  const sells = (item: { currency: string }) => options.currency === undefined || item.currency === options.currency;
  const sub = (s: CatalogSubscription | null) => (s && sells(s) ? subscriptionView(s, options, labels) : null);
  // Plain loops into arrays of known length: this runs on every store render, 500 items within 1% of a frame.
  const packs = sortPacks(options.currency === undefined ? catalog.packs : catalog.packs.filter(sells));
  const packViews = new Array<PackView>(packs.length);
  for (let i = 0; i < packs.length; i++) packViews[i] = packView(packs[i], options, labels);
  const subs = sortSubscriptions(options.currency === undefined ? catalog.subscriptions : catalog.subscriptions.filter(sells));
  const subViews = new Array<SubscriptionView>(subs.length);
  for (let i = 0; i < subs.length; i++) subViews[i] = subscriptionView(subs[i], options, labels);
  return {
    stale: catalog.stale,
    packs: packViews,
    subscriptions: subViews,
    pages: {
      discount: sub(catalog.pages.discount),
      secret: sub(catalog.pages.secret),
      trial: sub(catalog.pages.subscribe.trial),
      weekly: sub(catalog.pages.subscribe.weekly),
      yearly: sub(catalog.pages.subscribe.yearly),
    },
  };
}

/** Cheapest first; at one price, more diamonds first; then by product id so the order never flickers. */
export function sortPacks(packs: readonly CatalogPack[]): CatalogPack[] {
  return sortByKey(packs, (p) => p.price, comparePacks);
}

/** By group (ungrouped last), cheapest first within a group, then by product id. */
export function sortSubscriptions(subs: readonly CatalogSubscription[]): CatalogSubscription[] {
  // Packed key: group rank (ungrouped last) above price.
  let min = 0;
  let max = 0;
  let maxPrice = 0;
  for (const s of subs) {
    if (s.group !== null) {
      min = Math.min(min, s.group);
      max = Math.max(max, s.group);
    }
    maxPrice = Math.max(maxPrice, s.price);
  }
  const span = maxPrice + 1;
  return sortByKey(subs, (s) => ((s.group === null ? max + 1 : s.group) - min) * span + s.price, compareSubscriptions);
}

function comparePacks(a: CatalogPack, b: CatalogPack): number {
  return a.price - b.price || b.quantity + b.bonus - (a.quantity + a.bonus) || compareText(a.productId, b.productId);
}

function compareSubscriptions(a: CatalogSubscription, b: CatalogSubscription): number {
  return groupOf(a) - groupOf(b) || a.price - b.price || compareText(a.productId, b.productId);
}

function groupOf(s: CatalogSubscription): number {
  return s.group === null ? Number.MAX_SAFE_INTEGER : s.group;
}

function packView(p: CatalogPack, ctx: PurchaseContext, labels: StoreLabels): PackView {
  const off = percentOff(p.price, p.originalPrice);
  const fmt = formatterOf(p.currency);
  return {
    kind: 'pack',
    key: p.productId,
    productId: p.productId,
    priceText: fmt(p.price),
    originalPriceText: p.originalPrice > p.price ? fmt(p.originalPrice) : null,
    percentOff: off,
    percentOffText: off > 0 ? labels.percentOff(off) : null,
    badge: p.badge,
    badgeText: p.badge ? labels.badges[p.badge] : null,
    canPurchase: canPurchase(p, ctx),
    quantity: p.quantity,
    bonus: p.bonus,
    quantityText: quantityText(p.quantity, p.bonus),
    firstChargeOnly: p.firstChargeOnly,
    item: p,
  };
}

function subscriptionView(s: CatalogSubscription, ctx: PurchaseContext, labels: StoreLabels): SubscriptionView {
  const isTrial = s.trialDays > 0 && s.price === 0;
  // A free trial is not "100% off": it gets its own line, and the renewal price says what follows.
  const off = isTrial ? 0 : percentOff(s.price, s.originalPrice);
  const computed = perPeriodPrices(s);
  const perWeek = s.perWeek > 0 ? s.perWeek : computed.perWeek;
  const perDay = s.perDay > 0 ? s.perDay : computed.perDay;
  const renewal = isTrial || s.discountPeriods > 0 ? s.originalPrice : s.price;
  const format = formatterOf(s.currency);
  const priceText = format(s.price);
  const originalText = s.originalPrice === s.price ? priceText : format(s.originalPrice);
  // Most of a subscription's figures are its price or its original price: format each amount once.
  const renewalText = s.period ? (renewal === s.price ? priceText : renewal === s.originalPrice ? originalText : format(renewal)) + labels.perPeriod[s.period] : null;
  return {
    kind: 'subscription',
    key: s.productId,
    productId: s.productId,
    priceText,
    originalPriceText: !isTrial && s.originalPrice > s.price ? originalText : null,
    percentOff: off,
    percentOffText: off > 0 ? labels.percentOff(off) : null,
    badge: s.badge,
    badgeText: s.badge ? labels.badges[s.badge] : null,
    canPurchase: canPurchase(s, ctx),
    quantity: s.quantity,
    bonus: s.bonus,
    quantityText: quantityText(s.quantity, s.bonus),
    period: s.period,
    periodText: s.periodLabel ?? (s.period ? labels.periodNames[s.period] : null),
    trialDays: s.trialDays,
    trialText: s.trialDays > 0 ? labels.trial(s.trialDays) : null,
    perWeek,
    perDay,
    perWeekText:
      perWeek > 0
        ? renewalText !== null && s.period === 'week' && perWeek === renewal
          ? renewalText
          : (perWeek === s.price ? priceText : perWeek === s.originalPrice ? originalText : format(perWeek)) + labels.perPeriod.week
        : null,
    perDayText: perDay > 0 ? format(perDay) + labels.perDay : null,
    renewalText,
    introText:
      s.discountPeriods > 0 && s.originalPrice > s.price && renewalText
        ? labels.intro(priceText, s.discountPeriods, s.period, renewalText)
        : null,
    item: s,
  };
}

/** The formatters of the last two currencies asked for: a catalog is in one currency, or two taking turns. */
let lastCurrency = '';
let lastFormatter: PriceFormatter | undefined;
let otherCurrency = '';
let otherFormatter: PriceFormatter | undefined;
function formatterOf(currency: string): PriceFormatter {
  if (currency === lastCurrency && lastFormatter) return lastFormatter;
  const f = currency === otherCurrency && otherFormatter ? otherFormatter : priceFormatter(currency);
  otherCurrency = lastCurrency;
  otherFormatter = lastFormatter;
  lastCurrency = currency;
  lastFormatter = f;
  return f;
}

function percentOff(price: number, original: number): number {
  return original > price && original > 0 ? Math.floor(((original - price) * 100) / original) : 0;
}

function quantityText(quantity: number, bonus: number): string {
  return bonus > 0 ? integerText(quantity) + ' + ' + integerText(bonus) : integerText(quantity);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
