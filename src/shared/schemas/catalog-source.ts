import { z } from 'zod';

/**
 * The game server's `/rechargePurchaseListV2` answer (`../shared/specs/recharge-catalog-v2.md`), parsed leniently:
 * real payloads disagree with their own page (`originalPrice` on packs, `originPrice` on subscriptions; `cycle`
 * documented but absent; numbers sometimes sent as strings; fields the page never names). Only what the store
 * cannot do without is required of an item (`productId`, `price`); everything else is optional. Unknown keys pass
 * through untouched. Items are validated one by one by the normalizer so one broken pack never hides the others:
 * this schema checks the envelope and keeps the lists as `unknown[]`.
 *
 * Field names keep the spec's spelling; `normalize-catalog.ts` maps them to the domain names of `catalog.ts`.
 */

/** A whole number, also when sent as a numeric string ("999"); floats are rounded (averagePrice* are float32). */
const looseInt = z.preprocess((v) => {
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Math.round(Number(v));
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v);
  return v;
}, z.number().int());

const optionalInt = looseInt.optional().catch(undefined);
const optionalString = z.string().optional().catch(undefined);

/** One pack of `creditPage.purchaseList`. */
export const SourcePackSchema = z.looseObject({
  id: optionalInt,
  /** Minor units (分). */
  price: looseInt.pipe(z.number().int().nonnegative()),
  amount: optionalInt,
  giftAmount: optionalInt,
  productId: z.string().trim().min(1).max(512),
  /** 是否首充限购: 0 no, 1 yes. */
  limitBuy: optionalInt,
  /** 1 first charge, 2 recommend, 3 hot, 4 best deal, 7 discount; others are unknown and tolerated. */
  type: optionalInt,
  /** 1 week, 2 month, 3 year. */
  cycle: optionalInt,
  pageType: optionalInt,
  originalPrice: optionalInt,
  /** The subscriptions' spelling, tolerated on packs. */
  originPrice: optionalInt,
  /** Not in the spec sample: a per-user count some servers add. */
  purchaseCount: optionalInt,
  isShow: optionalInt,
  currency: optionalString,
});
export type SourcePack = z.infer<typeof SourcePackSchema>;

/** One subscription item (`subscribeList`, and the discount / secret / subscribe pages). */
export const SourceSubscriptionSchema = z.looseObject({
  id: optionalInt,
  /** Minor units (美分). */
  price: looseInt.pipe(z.number().int().nonnegative()),
  originPrice: optionalInt,
  /** The packs' spelling, tolerated on subscriptions. */
  originalPrice: optionalInt,
  originPriceNew: optionalInt,
  amount: optionalInt,
  amountNew: optionalInt,
  giftAmount: optionalInt,
  productId: z.string().trim().min(1).max(512),
  isShow: optionalInt,
  /** 1 recommend, 8 creator pack, 9 ultra pack; others are unknown and tolerated. */
  type: optionalInt,
  pageType: optionalInt,
  group: optionalInt,
  discountPeriod: optionalInt,
  freeTryDays: optionalInt,
  cycle: optionalInt,
  subscriptionPeriod: optionalString,
  /** Minor units; 0 when the server did not compute it. */
  averagePriceWeek: optionalInt,
  averagePriceDay: optionalInt,
  /** Per user. */
  purchaseCount: optionalInt,
  currency: optionalString,
});
export type SourceSubscription = z.infer<typeof SourceSubscriptionSchema>;

const list = z.array(z.unknown()).catch([]);
const page = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** The envelope. `code` must be 200: anything else is the game server saying it failed. */
export const CatalogSourceSchema = z.looseObject({
  code: looseInt.refine((c) => c === 200, { message: 'code is not 200' }),
  msg: z.string().optional().catch(undefined),
  data: z.looseObject({
    creditPage: z
      .looseObject({ purchaseList: list.optional(), subscribeList: list.optional() })
      .optional()
      .catch(undefined),
    discountPage: page,
    secretPage: page,
    subscribePage: page,
    /** Not in the spec: a catalog-wide ISO 4217 code some servers add. */
    currency: optionalString,
  }),
});
export type CatalogSource = z.infer<typeof CatalogSourceSchema>;
