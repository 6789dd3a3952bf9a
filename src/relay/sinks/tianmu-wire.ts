import { z } from 'zod';

/**
 * What Tianmu's `saveUserBehaviorLogV2` accepts and answers (specs/tianmu-in-game-payment.md, "请求参数" and
 * "公共响应参数"). Field names keep the spec's spelling; the mapping lives in `tianmu-sink.ts`.
 */

/** The endpoint path; the host comes from the sink config's `url`. */
export const TIANMU_PATH = '/dataAnalysis/saveUserBehaviorLogV2';

/** `code` of a successful report. */
export const TIANMU_CODE_OK = 0;
/** `code` of a parameter error: the same request will never succeed. */
export const TIANMU_CODE_BAD_PARAMS = 10001;

const optionalText = z.string().optional();

/** `userLog.ext`: the 9 required fields with their spec types, then the optional strings. */
export const TianmuExtSchema = z.strictObject({
  app_id: z.string().min(1),
  type: z.literal('pay'),
  /** 支付金额，单位为分: fen, so an integer. */
  pay_amount: z.number().int().nonnegative(),
  is_first_pay: z.boolean(),
  uid: z.string().min(1),
  user_ip: z.string().min(1),
  order_code: z.string().min(1),
  /** 2 米大师支付 (Midas), 3 第三方支付 (third party). */
  pay_type: z.union([z.literal(2), z.literal(3)]),
  /** 1 other, 2 iOS, 3 Android. */
  device_type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  device_brand: optionalText,
  device_model: optionalText,
  net_type: optionalText,
  scene: optionalText,
  zone: optionalText,
  goods_name: optionalText,
  game_uid: optionalText,
  game_nickname: optionalText,
});
export type TianmuExt = z.infer<typeof TianmuExtSchema>;

export const TianmuRequestSchema = z.strictObject({
  userLog: z.strictObject({ v: z.string().min(1), ext: TianmuExtSchema }),
});
export type TianmuRequest = z.infer<typeof TianmuRequestSchema>;

/** The response envelope; `data` is `{}` on success and is not used. */
export const TianmuResponseSchema = z.object({ code: z.number(), data: z.unknown().optional() });
export type TianmuResponse = z.infer<typeof TianmuResponseSchema>;
