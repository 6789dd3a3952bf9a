import type { PurchaseReport } from '../../shared/schemas/purchase-report';

/**
 * What makes a report the same purchase as the one stored under its (appId, orderId). A client drops its report
 * once the relay answers `duplicate`, so a report that differs in any of these is another purchase claiming a taken
 * id (a cheat, or a client bug), answered `rejected` with ORDER_ID_CONFLICT, never `duplicate`. Other fields
 * (paidAt, device facts, game context) may legitimately be re-stamped by a resend and do not count.
 */
export const ORDER_IDENTITY_FIELDS = ['uid', 'amount', 'currency', 'productId'] as const;
export type OrderIdentityField = (typeof ORDER_IDENTITY_FIELDS)[number];
export type OrderIdentity = Pick<PurchaseReport, OrderIdentityField>;

/** The identity fields in which `incoming` differs from the stored purchase; empty for a true duplicate. */
export function conflictingFields(stored: OrderIdentity, incoming: OrderIdentity): OrderIdentityField[] {
  return ORDER_IDENTITY_FIELDS.filter((f) => stored[f] !== incoming[f]);
}
