import { z } from 'zod';

/**
 * What Hive Analytics' HTTP collector accepts (specs/hive-purchase-log.md, "로그 스펙", plus the HTTP facts of
 * specs/README.md). Column names keep the spec's snake_case; the mapping lives in `hive-sink.ts`.
 */

/** The endpoint path; the host comes from the sink config's `url`. */
export const HIVE_PATH = '/v1/server-recv';
/** The exact header the HTTP collector documents. */
export const HIVE_CONTENT_TYPE = 'application/json; charset=utf8';
/** The offset label sent in `timezone` with KST times. */
export const HIVE_KST_TIMEZONE = 'GMT+09:00';

/** `server_id` codes of the Hive server code table (specs/README.md). */
export const HIVE_SERVER_IDS: ReadonlySet<string> = new Set([
  'QA', 'QA-1', 'QA-2', 'QA-3', 'ALPHA', 'BETA', '360', 'BAIDU',
  ...['GLOBAL', 'EU', 'SEA', 'JP', 'CN', 'KR', 'US'].flatMap((base) => [
    base,
    ...Array.from({ length: 10 }, (_, i) => `${base}-${i + 1}`),
  ]),
]);

/** A dotted IPv4 address, as Hive's `client_ip` and `server_ip` columns take it. */
export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const str = (max: number) => z.string().max(max);
const bigint = z.number().int().refine(Number.isSafeInteger, 'bigint beyond 2^53 is not exact in JSON');
const int = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);
const smallint = z.number().int().min(-32768).max(32767);
/** Language codes: ISO 639 alpha-2 lower case, or Hive's `zh-hans` / `zh-hant`; empty when unknown. */
const languageCode = z.string().regex(/^([a-z]{2}(-[a-z]{4})?)?$/, 'a lower-case ISO 639 code such as "ko" or "zh-hans"');

/**
 * One `purchase_log` row: every column the table marks 필수 (required) and the optional ones, with the table's
 * types. Unknown names are refused here although Hive silently drops them: a typo would otherwise lose a column
 * without anyone noticing.
 */
export const HiveRowSchema = z
  .strictObject({
    category: z.string().regex(/^[a-z0-9_]+_purchase_log$/, 'category is <game short name>_purchase_log'),
    dateTime: z.string().refine((v) => WALL_CLOCK.test(v) || ISO_8601.test(v), 'YYYY-MM-DD HH:mm:ss or ISO-8601'),
    guid: z.string().min(1).max(64),
    channel: str(3).min(1),
    /** Hive uid: null (or absent) when the player came through another channel, which `extra_uid` then names. */
    uid: bigint.nullable().optional(),
    extra_uid: str(30).min(1).nullable().optional(),
    did: bigint,
    platform: z.enum(['A', 'I', 'B', 'W']),
    os_version: str(30),
    market: z.string().length(2),
    game_index: smallint,
    app_id: str(200).min(1),
    version: str(30).min(1),
    /** ISO 3166-1 alpha-2; empty when unknown (Hive then locates `client_ip`). */
    nationality: z.string().regex(/^([A-Za-z]{2})?$/, 'ISO 3166-1 alpha-2 or empty'),
    client_ip: z.string().refine((v) => v === '' || IPV4.test(v), 'a dotted IPv4 address or empty'),
    transaction_id: str(512).min(1),
    product_id: str(512).min(1),
    product_name: str(128).min(1),
    product_price: z.number().finite().nonnegative(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217'),
    quantity: z.literal(1),
    purchase_time: z.string().regex(WALL_CLOCK, 'yyyy-mm-dd hh:mm:ss (KST)'),
    timezone: z.string().regex(/^GMT[+-]\d{2}:\d{2}$/, 'GMT+09:00'),
    path: z.literal('gs'),
    server_ip: z.string().regex(IPV4, 'a dotted IPv4 address'),
    giftee_uid: bigint.nullable(),
    device_name: str(32),
    company: z.string().length(3),
    server_id: z.string().refine((v) => HIVE_SERVER_IDS.has(v), 'a code of the Hive server code table'),
    server_uid: bigint,
    level: int,
    character_id: bigint,
    character_type_id: int,
    character_level: int,
    language: languageCode,
    game_language: languageCode,
    device_language: languageCode,
    vid: bigint.optional(),
    mac_address: z.string().regex(/^([0-9A-Fa-f]{12})?$/).optional(),
    item_send_ok: z.enum(['Y', 'N', '']),
    is_emulator: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    hiveiap_purchase_test: str(100).optional(),
  })
  .refine((row) => (row.uid ?? null) !== null || (row.extra_uid ?? null) !== null, {
    message: 'uid or extra_uid is required',
    path: ['extra_uid'],
  });
export type HiveRow = z.infer<typeof HiveRowSchema>;

export const HiveRequestSchema = z.strictObject({
  appId: z.string().min(1),
  logBody: z.array(HiveRowSchema).min(1),
});
export type HiveRequest = z.infer<typeof HiveRequestSchema>;

/** Every answer that is not a plain 200. */
export const HiveErrorBodySchema = z.object({
  success: z.literal(false),
  message: z.string().optional(),
  requestBody: z.unknown().optional(),
});
export type HiveErrorBody = z.infer<typeof HiveErrorBodySchema>;
