import { z } from 'zod';
import type * as T from './catalog-types';

/**
 * The normalized catalog: what `GET /v1/catalog` serves and `kit.getCatalog()` returns. Money is an integer in
 * minor units plus an ISO 4217 code on every item. The client validates it with the hand-written guard in
 * `src/client/catalog/catalog-guard.ts` (no zod on the mini-game path); a test holds the two to the same verdicts.
 *
 * Per-user fields (`purchaseCount`, `firstChargeOnly`) are `null` when this copy was not fetched for the udid
 * that asked (`userScoped: false`): the relay never serves one player's counts to another.
 */

export const PACK_BADGES = ['first-charge', 'recommend', 'hot', 'best-deal', 'discount'] as const;
export const SUBSCRIPTION_BADGES = ['recommend', 'creator-pack', 'ultra-pack'] as const;
export const PERIODS = ['week', 'month', 'year'] as const;

export type { PackBadge, SubscriptionBadge, Period, CatalogPack, CatalogSubscription, CatalogPages, Catalog } from './catalog-types';

const minor = z.number().int().nonnegative().max(1e12);
const count = z.number().int().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/);

const itemBase = {
  /** The server's id; `null` when it sent none. */
  id: z.number().int().nullable(),
  productId: z.string().min(1).max(512),
  /** What the player pays now, in minor units of `currency`. */
  price: minor,
  /** The price before discount (`originalPrice` / `originPrice`); equals `price` when the server sent none. */
  originalPrice: minor,
  currency,
  /** Diamonds bought (`amount`). */
  quantity: count,
  /** Diamonds given on top (`giftAmount`). */
  bonus: count,
  /** The raw `type`, kept so a new code shows up in data before it has a badge. */
  typeCode: z.number().int().nullable(),
  /** Per user: times bought; `null` when unknown for this player. */
  purchaseCount: count.nullable(),
};

export const CatalogPackSchema = z.object({
  ...itemBase,
  badge: z.enum(PACK_BADGES).nullable(),
  /** `cycle`: 1 week, 2 month, 3 year; usually absent. */
  cycle: z.enum(PERIODS).nullable(),
  /** Per user: `limitBuy` 1, a first-charge pack bought once; `null` when unknown for this player. */
  firstChargeOnly: z.boolean().nullable(),
});

export const CatalogSubscriptionSchema = z.object({
  ...itemBase,
  badge: z.enum(SUBSCRIPTION_BADGES).nullable(),
  /** From `cycle`, else from `subscriptionPeriod` ("First week", "Yearly"), else from the page it sits on. */
  period: z.enum(PERIODS).nullable(),
  /** The server's own wording (`subscriptionPeriod`), shown as is when present. */
  periodLabel: z.string().nullable(),
  /** `freeTryDays`; 0 without a trial. */
  trialDays: count,
  /** `discountPeriod`: periods charged at `price` before `originalPrice` applies; 0 when none. */
  discountPeriods: count,
  group: z.number().int().nullable(),
  /** Minor units per week as the server sent it (`averagePriceWeek`); 0 when it did not compute it. */
  perWeek: minor,
  /** Minor units per day (`averagePriceDay`), likewise. */
  perDay: minor,
});

const pageItem = CatalogSubscriptionSchema.nullable();

export const CatalogSchema = z.object({
  version: z.literal(1),
  appId: z.string().min(1),
  /** When the relay got this copy from the source, ms since the epoch. */
  fetchedAt: z.number().int().nonnegative(),
  /** True when this is an older copy served because the source (or the network) failed. */
  stale: z.boolean(),
  /** True when per-user fields belong to the udid that asked; false when they were withheld (`null`). */
  userScoped: z.boolean(),
  packs: z.array(CatalogPackSchema),
  subscriptions: z.array(CatalogSubscriptionSchema),
  pages: z.object({
    discount: pageItem,
    secret: pageItem,
    subscribe: z.object({ trial: pageItem, weekly: pageItem, yearly: pageItem }),
  }),
});

// The zod-free types of catalog-types.ts must be exactly what the schema parses: this fails to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCatalog: Same<z.infer<typeof CatalogSchema>, T.Catalog> = true;
const samePack: Same<z.infer<typeof CatalogPackSchema>, T.CatalogPack> = true;
const sameSubscription: Same<z.infer<typeof CatalogSubscriptionSchema>, T.CatalogSubscription> = true;
const sameBadges: Same<(typeof PACK_BADGES)[number], T.PackBadge>     = true;
void [sameCatalog, samePack, sameSubscription, sameBadges];
