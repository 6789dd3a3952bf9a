import { z } from 'zod';

/**
 * What Kakao Games' `writePurchaseLog` accepts and answers (specs/kakao-write-purchase-log.md).
 * The mapping lives in `kakao-sink.ts`.
 */

/** The endpoint path; the host comes from the sink config's `url`. */
export const KAKAO_PATH = '/service/v3/log/writePurchaseLog';
export const KAKAO_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** The five request headers the page marks mandatory (HTTP header names are case-insensitive). */
export const KAKAO_REQUIRED_HEADERS = ['appId', 'appSecret', 'playerId', 'Content-Type', 'Authorization'] as const;

/** `Long` in Java: an integer; JSON keeps it exact below 2^53. */
const long = z.number().int().refine(Number.isSafeInteger, 'a Long within 2^53');

export const KakaoRequestSchema = z
  .strictObject({
    grade: long.optional(),
    playerLv: long.optional(),
    /** ISO 4217, or `GPP` for Google Play Points. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
    /** BigDecimal, VAT included, in currency units. */
    price: z.number().finite().nonnegative(),
    os: z.string().min(1),
    country: z.string().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2'),
    market: z.string().min(1),
    /** Optional on the English page, required on the Korean one (specs/README.md): required here. */
    marketOrderId: z.string().min(1),
    marketProductId: z.string().min(1),
    /** ms since the epoch. */
    marketPurchaseTime: long.nonnegative(),
    marketPurchaseData: z.record(z.string(), z.unknown()).optional(),
    purchasePt: long.optional(),
    purchaseCount: long.optional(),
    purchaseToken: z.string().min(1).optional(),
  })
  .refine((b) => b.market !== 'googlePlay' || b.purchaseToken !== undefined, {
    message: 'purchaseToken is required for googlePlay',
    path: ['purchaseToken'],
  });
export type KakaoRequest = z.infer<typeof KakaoRequestSchema>;

export const KakaoResponseSchema = z.object({ logId: z.string() });
export type KakaoResponse = z.infer<typeof KakaoResponseSchema>;
