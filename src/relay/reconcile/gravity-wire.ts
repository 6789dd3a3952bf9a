import { z } from 'zod';

/**
 * Gravity Engine's order report on the wire (specs/gravity-order-report.md). Field names keep the spec's
 * spelling; `gravity-order.ts` turns a row into the domain `GravityOrder`.
 */

/** Gravity's documented maximum `page_size`. */
export const GRAVITY_MAX_PAGE_SIZE = 500;

const QueryItemSchema = z.object({
  operator: z.enum(['between', 'inner']),
  values: z.array(z.number()),
});

const dayPair = z.tuple([z.string(), z.string()]);

export const GravityOrderListRequestSchema = z.object({
  app_id: z.number().int().positive(),
  user_filtering: z
    .object({
      create_date_list: z.array(z.string()).optional(),
      ad_platform_list: z.array(z.string()).optional(),
      channel_list: z.array(z.string()).optional(),
      version_list: z.array(z.number()).optional(),
      turbo_promoted_object_id_list: z.array(z.string()).optional(),
      advertiser_id_list: z.array(z.string()).optional(),
      gid_list: z.array(z.string()).optional(),
      aid_list: z.array(z.string()).optional(),
      cid_list: z.array(z.string()).optional(),
      wx_openid_list: z.array(z.string()).optional(),
      client_id_list: z.array(z.string()).optional(),
    })
    .strict(),
  event_filtering: z
    .object({
      Amount: QueryItemSchema.optional(),
      BackAmount: QueryItemSchema.optional(),
      UploadTime: dayPair.optional(),
      PayEventTime: dayPair.optional(),
      /** "0" not posted back, "1" posted, "2" failed, "3" skipped. */
      Status: z.enum(['0', '1', '2', '3']).optional(),
      PayCount: z.array(z.string()).optional(),
      PostbackCnt: z.array(z.string()).optional(),
      TraceID: z.array(z.string()).optional(),
      'event$pay_method': z.array(z.string()).optional(),
      'event$pay_reason': z.array(z.string()).optional(),
    })
    .strict(),
  /** The spec's curl example sends it (empty); it is not in the parameter table. */
  property_condition: z.array(z.unknown()).optional(),
  order_by_list: z.array(z.object({ field: z.string().min(1), sort: z.union([z.literal(0), z.literal(1)]) })).optional(),
  page: z.number().int().positive().optional(),
  page_size: z.number().int().positive().max(GRAVITY_MAX_PAGE_SIZE).optional(),
  sign: z.string().regex(/^[0-9a-f]{32}$/).optional(),
});
export type GravityOrderListRequest = z.infer<typeof GravityOrderListRequestSchema>;

/**
 * One row of `data.list`. Only the fields reconciliation reads are checked; the rest (about 80 user and event
 * properties) pass through untouched. Unused `event$*` properties come back as `0`, so `event$order_id` and
 * `event$pay_type` may be `0` when the game did not set them.
 */
export const GravityOrderRowSchema = z.looseObject({
  TraceID: z.string(),
  'event$order_id': z.union([z.string(), z.number()]).optional(),
  /** Minor units (fen for CNY): Gravity's SDK `payEvent` takes the amount "单位为分". */
  Amount: z.number().int().nonnegative(),
  BackAmount: z.number().optional(),
  'event$pay_type': z.union([z.string(), z.number()]).optional(),
  /** China time, `YYYY-MM-DD HH:mm:ss`. */
  PayEventTime: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
  /** The postback status as a label ("未回传") in the sample; a code ("0".."3") is accepted too. */
  Status: z.union([z.string(), z.number()]),
  ClientID: z.string().optional(),
  WXOpenID: z.string().optional(),
  PostbackCnt: z.number().optional(),
});
export type GravityOrderRow = z.infer<typeof GravityOrderRowSchema>;

export const GravityPageInfoSchema = z.object({
  page: z.number().int().nonnegative(),
  page_size: z.number().int().nonnegative(),
  total_number: z.number().int().nonnegative(),
  total_page: z.number().int().nonnegative(),
});

export const GravityOrderListDataSchema = z.looseObject({
  page_info: GravityPageInfoSchema,
  list: z.array(GravityOrderRowSchema),
  total: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type GravityOrderListData = z.infer<typeof GravityOrderListDataSchema>;

/** Every answer has this envelope; `data` is only meaningful when `code` is 0. */
export const GravityEnvelopeSchema = z.looseObject({
  code: z.number().int(),
  msg: z.string().optional(),
  data: z.unknown().optional(),
  extra: z.unknown().optional(),
});

/** The `Status` codes of the request filter and the labels the report returns, in the domain's words. */
export const POSTBACK_STATUSES = ['not_posted', 'posted', 'failed', 'skipped'] as const;
export type PostbackStatus = (typeof POSTBACK_STATUSES)[number] | `other:${string}`;

const STATUS_BY_WIRE: Readonly<Record<string, (typeof POSTBACK_STATUSES)[number]>> = {
  '0': 'not_posted', 未回传: 'not_posted',
  '1': 'posted', 回传成功: 'posted', 已回传: 'posted',
  '2': 'failed', 回传失败: 'failed',
  '3': 'skipped', 回传跳过: 'skipped', 跳过回传: 'skipped',
};

/** Maps Gravity's `Status` (label or code) to a postback status; an unknown value is kept, never dropped. */
export function postbackStatus(wire: string | number): PostbackStatus {
  const key = String(wire).trim();
  return STATUS_BY_WIRE[key] ?? `other:${key}`;
}
