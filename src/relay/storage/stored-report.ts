import type { PurchaseReport } from '../../shared/schemas/purchase-report';

/**
 * The `report` column holds the report without the fields that already have their own columns (app_id, order_id,
 * uid, amount, currency, paid_at): they were stored twice, a sixth of a purchase's bytes. Reading merges the columns
 * back, so the delivery mapping gets the report as parsed at ingest. Rows written before this kept every field; the
 * merge reads them alike (their columns hold the same values).
 */
export interface ReportColumns {
  app_id: string;
  order_id: string;
  uid: string;
  amount: number;
  currency: string;
  paid_at: number;
}

/** Compact JSON of what the columns do not hold. */
export function encodeStoredReport(r: PurchaseReport): string {
  const { appId, orderId, uid, amount, currency, paidAt, ...rest } = r;
  return JSON.stringify(rest);
}

export function decodeStoredReport(json: string, c: ReportColumns): PurchaseReport {
  return {
    ...(JSON.parse(json) as Omit<PurchaseReport, 'appId' | 'orderId' | 'uid' | 'amount' | 'currency' | 'paidAt'>),
    orderId: c.order_id,
    appId: c.app_id,
    uid: c.uid,
    amount: c.amount,
    currency: c.currency,
    paidAt: c.paid_at,
  };
}
