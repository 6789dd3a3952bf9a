import { z } from 'zod';

/** `POST /v1/session` */
export const SessionRequestSchema = z.object({
  appId: z.string().min(1).max(64),
  code: z.string().min(1).max(256),
});
export type SessionRequest = z.infer<typeof SessionRequestSchema>;

export const SessionResponseSchema = z.object({
  token: z.string(),
  openid: z.string(),
  /** ms since epoch */
  expiresAt: z.number(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

/**
 * `POST /v1/purchases` body. Reports are parsed one by one (a malformed report is `rejected`, the rest
 * still land), so the envelope only checks it is a list.
 */
export const PurchasesRequestSchema = z.object({
  reports: z.array(z.unknown()).min(1).max(50),
});

export const ReportStatusSchema = z.enum(['accepted', 'duplicate', 'rejected']);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

/**
 * Codes a `rejected` report's `error` text starts with (`"ORDER_ID_CONFLICT: ..."`), for a program to switch on.
 * ORDER_ID_CONFLICT: the relay holds another purchase (other uid, amount, currency or productId) under this order id.
 */
export const ReportErrorCodeSchema = z.enum(['ORDER_ID_CONFLICT']);
export type ReportErrorCode = z.infer<typeof ReportErrorCodeSchema>;

export const ReportResultSchema = z.object({
  orderId: z.string(),
  status: ReportStatusSchema,
  error: z.string().optional(),
});
export type ReportResult = z.infer<typeof ReportResultSchema>;

export const PurchasesResponseSchema = z.object({ results: z.array(ReportResultSchema) });
export type PurchasesResponse = z.infer<typeof PurchasesResponseSchema>;

/** Every error body the relay sends: `{error: {code, message, field?}}`. */
export const RelayErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export type RelayErrorBody = z.infer<typeof RelayErrorBodySchema>;
