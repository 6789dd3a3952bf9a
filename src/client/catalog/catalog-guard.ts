import type { Catalog } from '../../shared/schemas/catalog-types';
import { int, isObject, oneOf, orNull, str } from '../checks';
import type { Check } from '../checks';

/**
 * A hand-written check of the relay's catalog answer, so the mini-game bundle carries no zod. It must agree with
 * `CatalogSchema` in `src/shared/schemas/catalog.ts`: `test/client/catalog/catalog-guard.test.ts` runs generated
 * catalogs, valid and broken, through both. Returns the first problem found, or `null` when the value is a catalog.
 */
export function catalogProblem(value: unknown): string | null {
  if (!isObject(value)) return 'catalog: not an object';
  const p = fieldProblem(CATALOG, value) || listProblem(value, 'packs', PACK) || listProblem(value, 'subscriptions', SUBSCRIPTION);
  if (p) return p;
  const pages = value.pages;
  if (!isObject(pages)) return 'pages: expected an object';
  const subscribe = pages.subscribe;
  return (
    pageProblem(pages, 'discount', 'pages.') ||
    pageProblem(pages, 'secret', 'pages.') ||
    (isObject(subscribe)
      ? pageProblem(subscribe, 'trial', 'pages.subscribe.') ||
        pageProblem(subscribe, 'weekly', 'pages.subscribe.') ||
        pageProblem(subscribe, 'yearly', 'pages.subscribe.')
      : 'pages.subscribe: expected an object')
  );
}

export function isCatalog(value: unknown): value is Catalog {
  return catalogProblem(value) === null;
}

/** A check and what it expected, for the message (`price: expected minor units`). */
type Rule = [Check, string];
type Rules = Record<string, Rule>;

const COUNT: Rule = [int(0, Infinity), 'expected a non-negative integer'];
const MINOR: Rule = [int(0, 1e12), 'expected minor units'];
const INT_OR_NULL: Rule = [orNull(int(-Infinity, Infinity)), 'expected an integer or null'];
const BOOL: Rule = [(v) => typeof v === 'boolean', 'expected a boolean'];
const PERIOD: Rule = [orNull(oneOf('week', 'month', 'year')), 'unknown'];

const CATALOG: Rules = {
  version: [(v) => v === 1, 'expected 1'],
  appId: [str(1, Infinity), 'expected a non-empty string'],
  fetchedAt: COUNT,
  stale: BOOL,
  userScoped: BOOL,
};

const ITEM: Rules = {
  id: INT_OR_NULL,
  productId: [str(1, 512), 'expected 1..512 characters'],
  price: MINOR,
  originalPrice: MINOR,
  currency: [(v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v), 'expected an ISO 4217 code'],
  quantity: COUNT,
  bonus: COUNT,
  typeCode: INT_OR_NULL,
  purchaseCount: [orNull(int(0, Infinity)), 'expected a count or null'],
};

const PACK: Rules = {
  ...ITEM,
  badge: [orNull(oneOf('first-charge', 'recommend', 'hot', 'best-deal', 'discount')), 'unknown'],
  cycle: PERIOD,
  firstChargeOnly: [orNull(BOOL[0]), 'expected a boolean or null'],
};

const SUBSCRIPTION: Rules = {
  ...ITEM,
  badge: [orNull(oneOf('recommend', 'creator-pack', 'ultra-pack')), 'unknown'],
  period: PERIOD,
  periodLabel: [orNull((v) => typeof v === 'string'), 'expected a string or null'],
  trialDays: COUNT,
  discountPeriods: COUNT,
  group: INT_OR_NULL,
  perWeek: MINOR,
  perDay: MINOR,
};

/** The first field of `v` that breaks its rule, as `field: expected ...`. */
function fieldProblem(rules: Rules, v: Record<string, unknown>): string | null {
  for (const k in rules) if (!rules[k][0](v[k])) return `${k}: ${rules[k][1]}`;
  return null;
}

function itemProblem(rules: Rules, v: unknown): string | null {
  return isObject(v) ? fieldProblem(rules, v) : '(item): expected an object';
}

function listProblem(v: Record<string, unknown>, key: string, rules: Rules): string | null {
  const list = v[key];
  if (!Array.isArray(list)) return `${key}: expected an array`;
  for (let i = 0; i < list.length; i++) {
    const p = itemProblem(rules, list[i]);
    if (p) return `${key}[${i}].${p}`;
  }
  return null;
}

/** A special page is a subscription or null. */
function pageProblem(pages: Record<string, unknown>, key: string, prefix: string): string | null {
  const p = pages[key] === null ? null : itemProblem(SUBSCRIPTION, pages[key]);
  return p && `${prefix}${key}.${p}`;
}
