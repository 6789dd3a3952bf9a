import type { OrderContext } from '../../shared/schemas/order-api';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { OrderRecord, Proof } from '../storage/payment-store';

/** What a purchase says about its maker when neither the order nor the client did. */
export const RELAY_SDK_VERSION = 'relay';

const CONTEXT_KEYS = [
  'zone', 'gameUid', 'gameNickname', 'level', 'playerId', 'country', 'serverId', 'characterId', 'netType', 'scene',
] as const satisfies ReadonlyArray<keyof OrderContext>;

/**
 * The purchase the sinks receive in a verified game: money, paid time and player from the platform's proof, the
 * product from the order (or the platform, for a claim), the context from the order, completed by the client's
 * report where the order lacks a field. Nothing about money comes from the client.
 */
export function composeVerifiedReport(order: OrderRecord, proof: Proof): PurchaseReport {
  const ctx = order.context;
  const claim = order.claim;
  const report: PurchaseReport = {
    orderId: order.orderId,
    appId: order.appId,
    uid: order.uid,
    productId: (order.origin === 'relay' ? order.productId : proof.productId ?? order.productId) ?? claim?.productId ?? 'unknown',
    amount: proof.amount,
    currency: proof.currency,
    payType: 2,
    paidAt: proof.paidAt,
    device: ctx.device ?? claim?.device ?? { type: 1 },
    sdkVersion: ctx.sdkVersion ?? claim?.sdkVersion ?? RELAY_SDK_VERSION,
  };
  // A name belongs to the product: the order's (sent when it was made, so a push that beats the client's report
  // still names it), else the claim's when the claim names the product that was paid.
  const goodsName = order.origin === 'relay' ? ctx.goodsName ?? claim?.goodsName : claim?.productId === report.productId ? claim.goodsName : undefined;
  if (goodsName !== undefined) report.goodsName = goodsName;
  for (const k of CONTEXT_KEYS) {
    const v = ctx[k] ?? claim?.[k];
    if (v !== undefined) (report as unknown as Record<string, unknown>)[k] = v;
  }
  return report;
}
