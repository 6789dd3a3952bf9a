import { postbackStatus, type GravityOrderRow, type PostbackStatus } from './gravity-wire';

/** One order as Gravity recorded it, in the relay's words. Compact: it is persisted per page for resuming. */
export interface GravityOrder {
  /** The game's order id (`event$order_id`), or Gravity's `TraceID` when the game sent none. */
  orderId: string;
  /** Minor units of `currency` (fen for CNY). */
  amount: number;
  /** ISO 4217; `CNY` when Gravity's `event$pay_type` is unset. */
  currency: string;
  /** China time as Gravity wrote it, `YYYY-MM-DD HH:mm:ss`. */
  payEventTime: string;
  status: PostbackStatus;
}

export function toGravityOrder(row: GravityOrderRow): GravityOrder {
  const own = row['event$order_id'];
  const orderId = typeof own === 'string' && own.trim() !== '' ? own.trim() : row.TraceID.trim();
  const payType = row['event$pay_type'];
  const currency = typeof payType === 'string' && /^[A-Z]{3}$/.test(payType) ? payType : 'CNY';
  return { orderId, amount: row.Amount, currency, payEventTime: row.PayEventTime, status: postbackStatus(row.Status) };
}
