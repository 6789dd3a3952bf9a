import type { z } from 'zod';
import {
  CatalogSourceSchema,
  SourcePackSchema,
  SourceSubscriptionSchema,
  type SourcePack,
  type SourceSubscription,
} from '../../shared/schemas/catalog-source';
import type {
  Catalog,
  CatalogPack,
  CatalogSubscription,
  PackBadge,
  Period,
  SubscriptionBadge,
} from '../../shared/schemas/catalog';
import { isKnownCurrency } from '../../shared/money/currencies';
import { mapCatalogItems } from '../../shared/schemas/catalog-types';

/**
 * The spec page's units: packs are priced in 分 (CNY fen), subscriptions in 美分 (US cents). A server that sends
 * `currency` (catalog-wide under `data`, or per item) overrides them.
 */
export const DEFAULT_PACK_CURRENCY = 'CNY';
export const DEFAULT_SUBSCRIPTION_CURRENCY = 'USD';

const PACK_BADGE_BY_TYPE: Readonly<Record<number, PackBadge>> = {
  1: 'first-charge',
  2: 'recommend',
  3: 'hot',
  4: 'best-deal',
  7: 'discount',
};
const SUBSCRIPTION_BADGE_BY_TYPE: Readonly<Record<number, SubscriptionBadge>> = {
  1: 'recommend',
  8: 'creator-pack',
  9: 'ultra-pack',
};
const PERIOD_BY_CYCLE: Readonly<Record<number, Period>> = { 1: 'week', 2: 'month', 3: 'year' };

export type NormalizeResult =
  | { ok: true; catalog: Catalog; warnings: string[] }
  | { ok: false; error: string };

/**
 * The game server's answer (parsed JSON) → the normalized catalog, as fetched for one udid (`userScoped: true`).
 * A broken envelope (not an object, `code` not 200, no `data`) fails; a broken item is dropped with a warning
 * so the rest of the store still shows.
 */
export function normalizeCatalog(payload: unknown, appId: string, fetchedAt: number): NormalizeResult {
  const envelope = CatalogSourceSchema.safeParse(payload);
  if (!envelope.success) return { ok: false, error: `malformed catalog: ${describeIssues(envelope.error)}` };
  const data = envelope.data.data;
  const warnings: string[] = [];
  const catalogCurrency = data.currency?.trim().toUpperCase();
  const seen = new Set<string>();

  const packs: CatalogPack[] = [];
  (data.creditPage?.purchaseList ?? []).forEach((raw, i) => {
    const where = `creditPage.purchaseList[${i}]`;
    const parsed = SourcePackSchema.safeParse(raw);
    if (!parsed.success) return void warnings.push(`${where} dropped: ${describeIssues(parsed.error)}`);
    const pack = toPack(parsed.data, catalogCurrency ?? DEFAULT_PACK_CURRENCY);
    if (typeof pack === 'string') return void warnings.push(`${where} dropped: ${pack}`);
    if (parsed.data.isShow === 0) return;
    if (seen.has(pack.productId)) return void warnings.push(`${where} dropped: duplicate productId ${pack.productId}`);
    seen.add(pack.productId);
    packs.push(pack);
  });

  const subscriptions: CatalogSubscription[] = [];
  const seenSubs = new Set<string>();
  (data.creditPage?.subscribeList ?? []).forEach((raw, i) => {
    const sub = subscription(raw, `creditPage.subscribeList[${i}]`, null);
    if (!sub) return;
    if (seenSubs.has(sub.productId)) {
      return void warnings.push(`creditPage.subscribeList[${i}] dropped: duplicate productId ${sub.productId}`);
    }
    seenSubs.add(sub.productId);
    subscriptions.push(sub);
  });

  const catalog: Catalog = {
    version: 1,
    appId,
    fetchedAt,
    stale: false,
    userScoped: true,
    packs,
    subscriptions,
    pages: {
      discount: subscription(data.discountPage?.['discount'], 'discountPage.discount', null),
      secret: subscription(data.secretPage?.['secret'], 'secretPage.secret', null),
      subscribe: {
        trial: subscription(data.subscribePage?.['trial'], 'subscribePage.trial', null),
        weekly: subscription(data.subscribePage?.['weekly'], 'subscribePage.weekly', 'week'),
        yearly: subscription(data.subscribePage?.['yearly'], 'subscribePage.yearly', 'year'),
      },
    },
  };
  return { ok: true, catalog, warnings };

  function subscription(raw: unknown, where: string, pagePeriod: Period | null): CatalogSubscription | null {
    if (raw === undefined || raw === null) return null;
    const parsed = SourceSubscriptionSchema.safeParse(raw);
    if (!parsed.success) {
      warnings.push(`${where} dropped: ${describeIssues(parsed.error)}`);
      return null;
    }
    if (parsed.data.isShow === 0) return null;
    const sub = toSubscription(parsed.data, catalogCurrency ?? DEFAULT_SUBSCRIPTION_CURRENCY, pagePeriod);
    if (typeof sub === 'string') {
      warnings.push(`${where} dropped: ${sub}`);
      return null;
    }
    return sub;
  }
}

/** The same catalog with every per-user field withheld: what may be served to a udid it was not fetched for. */
export function withoutUserState(catalog: Catalog): Catalog {
  return {
    ...mapCatalogItems(
      catalog,
      (p) => ({ ...p, purchaseCount: null, firstChargeOnly: null }),
      (s) => ({ ...s, purchaseCount: null }),
    ),
    userScoped: false,
  };
}

function toPack(src: SourcePack, fallbackCurrency: string): CatalogPack | string {
  const currency = pickCurrency(src.currency, fallbackCurrency);
  if (!currency) return `unknown currency ${JSON.stringify(src.currency)}`;
  return {
    id: src.id ?? null,
    productId: src.productId,
    price: src.price,
    originalPrice: originalPrice(src.price, src.originalPrice ?? src.originPrice),
    currency,
    quantity: nonNegative(src.amount),
    bonus: nonNegative(src.giftAmount),
    typeCode: src.type ?? null,
    badge: src.type === undefined ? null : (PACK_BADGE_BY_TYPE[src.type] ?? null),
    cycle: src.cycle === undefined ? null : (PERIOD_BY_CYCLE[src.cycle] ?? null),
    firstChargeOnly: src.limitBuy === undefined ? false : src.limitBuy === 1,
    purchaseCount: src.purchaseCount === undefined ? null : nonNegative(src.purchaseCount),
  };
}

function toSubscription(
  src: SourceSubscription,
  fallbackCurrency: string,
  pagePeriod: Period | null,
): CatalogSubscription | string {
  const currency = pickCurrency(src.currency, fallbackCurrency);
  if (!currency) return `unknown currency ${JSON.stringify(src.currency)}`;
  const period =
    (src.cycle !== undefined ? PERIOD_BY_CYCLE[src.cycle] : undefined) ??
    periodFromLabel(src.subscriptionPeriod) ??
    pagePeriod;
  const base = {
    id: src.id ?? null,
    productId: src.productId,
    price: src.price,
    originalPrice: originalPrice(src.price, src.originPrice ?? src.originalPrice),
    currency,
    quantity: nonNegative(src.amount),
    bonus: nonNegative(src.giftAmount),
    typeCode: src.type ?? null,
    badge: src.type === undefined ? null : (SUBSCRIPTION_BADGE_BY_TYPE[src.type] ?? null),
    period: period ?? null,
    periodLabel: src.subscriptionPeriod?.trim() ? src.subscriptionPeriod.trim() : null,
    trialDays: nonNegative(src.freeTryDays),
    discountPeriods: nonNegative(src.discountPeriod),
    group: src.group ?? null,
    purchaseCount: src.purchaseCount === undefined ? null : nonNegative(src.purchaseCount),
  };
  // 0 means "not computed by the server"; the client's view model computes it (per-period-prices.ts).
  return { ...base, perWeek: nonNegative(src.averagePriceWeek), perDay: nonNegative(src.averagePriceDay) };
}

/** "First week" → week, "Yearly" → year, "1个月" → month; `undefined` when the wording says nothing we know. */
export function periodFromLabel(label: string | undefined): Period | undefined {
  if (!label) return undefined;
  const l = label.toLowerCase();
  if (/week|周|週|주/.test(l)) return 'week';
  if (/month|月|월/.test(l)) return 'month';
  if (/year|annual|年|연/.test(l)) return 'year';
  return undefined;
}

function pickCurrency(itemCurrency: string | undefined, fallback: string): string | undefined {
  const code = itemCurrency?.trim().toUpperCase() || fallback;
  return /^[A-Z]{3}$/.test(code) && isKnownCurrency(code) ? code : undefined;
}

/** A missing, zero or nonsensical original price means "not discounted". */
function originalPrice(price: number, original: number | undefined): number {
  return original !== undefined && original > 0 ? original : price;
}

function nonNegative(n: number | undefined): number {
  return n !== undefined && n > 0 ? n : 0;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
