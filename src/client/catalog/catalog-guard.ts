import type { Catalog } from '../../shared/schemas/catalog-types';

/**
 * A hand-written check of the relay's catalog answer, so the mini-game bundle carries no zod. It must agree with
 * `CatalogSchema` in `src/shared/schemas/catalog.ts`: `test/client/catalog/catalog-guard.test.ts` runs generated
 * catalogs, valid and broken, through both. Returns the first problem found, or `null` when the value is a catalog.
 */
export function catalogProblem(value: unknown): string | null {
  if (!isObject(value)) return 'catalog: not an object';
  if (value.version !== 1) return 'version: expected 1';
  if (!isText(value.appId, 1, Infinity)) return 'appId: expected a non-empty string';
  if (!isCount(value.fetchedAt, Number.MAX_SAFE_INTEGER)) return 'fetchedAt: expected a non-negative integer';
  if (typeof value.stale !== 'boolean') return 'stale: expected a boolean';
  if (typeof value.userScoped !== 'boolean') return 'userScoped: expected a boolean';
  if (!Array.isArray(value.packs)) return 'packs: expected an array';
  for (let i = 0; i < value.packs.length; i++) {
    const p = packProblem(value.packs[i]);
    if (p) return `packs[${i}].${p}`;
  }
  if (!Array.isArray(value.subscriptions)) return 'subscriptions: expected an array';
  for (let i = 0; i < value.subscriptions.length; i++) {
    const p = subscriptionProblem(value.subscriptions[i]);
    if (p) return `subscriptions[${i}].${p}`;
  }
  const pages = value.pages;
  if (!isObject(pages)) return 'pages: expected an object';
  for (const k of ['discount', 'secret'] as const) {
    const p = pageProblem(pages[k]);
    if (p) return `pages.${k}${p}`;
  }
  const subscribe = pages.subscribe;
  if (!isObject(subscribe)) return 'pages.subscribe: expected an object';
  for (const k of ['trial', 'weekly', 'yearly'] as const) {
    const p = pageProblem(subscribe[k]);
    if (p) return `pages.subscribe.${k}${p}`;
  }
  return null;
}

export function isCatalog(value: unknown): value is Catalog {
  return catalogProblem(value) === null;
}

const PACK_BADGES = ['first-charge', 'recommend', 'hot', 'best-deal', 'discount'];
const SUBSCRIPTION_BADGES = ['recommend', 'creator-pack', 'ultra-pack'];
const PERIODS = ['week', 'month', 'year'];
const MAX_MINOR = 1e12;

function itemProblem(v: Record<string, unknown>): string | null {
  if (!(v.id === null || isInt(v.id))) return 'id: expected an integer or null';
  if (!isText(v.productId, 1, 512)) return 'productId: expected 1..512 characters';
  if (!isCount(v.price, MAX_MINOR)) return 'price: expected minor units';
  if (!isCount(v.originalPrice, MAX_MINOR)) return 'originalPrice: expected minor units';
  if (typeof v.currency !== 'string' || !/^[A-Z]{3}$/.test(v.currency)) return 'currency: expected an ISO 4217 code';
  if (!isCount(v.quantity, Infinity)) return 'quantity: expected a non-negative integer';
  if (!isCount(v.bonus, Infinity)) return 'bonus: expected a non-negative integer';
  if (!(v.typeCode === null || isInt(v.typeCode))) return 'typeCode: expected an integer or null';
  if (!(v.purchaseCount === null || isCount(v.purchaseCount, Infinity))) return 'purchaseCount: expected a count or null';
  return null;
}

function packProblem(v: unknown): string | null {
  if (!isObject(v)) return '(item): expected an object';
  const p = itemProblem(v);
  if (p) return p;
  if (!oneOfOrNull(v.badge, PACK_BADGES)) return 'badge: unknown';
  if (!oneOfOrNull(v.cycle, PERIODS)) return 'cycle: unknown';
  if (!(v.firstChargeOnly === null || typeof v.firstChargeOnly === 'boolean')) return 'firstChargeOnly: expected a boolean or null';
  return null;
}

function subscriptionProblem(v: unknown): string | null {
  if (!isObject(v)) return '(item): expected an object';
  const p = itemProblem(v);
  if (p) return p;
  if (!oneOfOrNull(v.badge, SUBSCRIPTION_BADGES)) return 'badge: unknown';
  if (!oneOfOrNull(v.period, PERIODS)) return 'period: unknown';
  if (!(v.periodLabel === null || typeof v.periodLabel === 'string')) return 'periodLabel: expected a string or null';
  if (!isCount(v.trialDays, Infinity)) return 'trialDays: expected a non-negative integer';
  if (!isCount(v.discountPeriods, Infinity)) return 'discountPeriods: expected a non-negative integer';
  if (!(v.group === null || isInt(v.group))) return 'group: expected an integer or null';
  if (!isCount(v.perWeek, MAX_MINOR)) return 'perWeek: expected minor units';
  if (!isCount(v.perDay, MAX_MINOR)) return 'perDay: expected minor units';
  return null;
}

function pageProblem(v: unknown): string | null {
  if (v === null) return null;
  const p = subscriptionProblem(v);
  return p ? `.${p}` : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function isCount(v: unknown, max: number): v is number {
  return isInt(v) && v >= 0 && v <= max;
}

function isText(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

function oneOfOrNull(v: unknown, allowed: string[]): boolean {
  return v === null || (typeof v === 'string' && allowed.indexOf(v) >= 0);
}
