import type { PaymentHooks } from '../platform/platform';
import { buildReport } from '../report/build-report';
import { paid, type PurchaseDeps } from './purchase-flow';
import { StorageFullError } from '../errors';
import { ORDER_STATE } from '../queue/order-store';

/** What a hooked payment needs: the same as `kit.purchase()`. */
export type HookDeps = PurchaseDeps;

/**
 * autoHook: a payment the game starts itself becomes a pending order before the sheet opens and a queued report
 * when it succeeds, exactly like `kit.purchase()`. Orders the kit itself is paying are already stored and skipped.
 */
export function createPaymentHooks(deps: HookDeps): PaymentHooks {
  const mine = new Set<string>();
  return {
    willPay(p) {
      if (deps.store.get(p.orderId)) return;
      const draft = buildReport(
        deps.platform,
        {
          orderId: p.orderId,
          appId: deps.appId,
          uid: deps.uid(),
          productId: p.productId || 'coins.' + p.quantity,
          amount: p.amount ?? p.quantity * deps.coinPrice,
          currency: p.currency,
          payType: 2,
          paidAt: deps.platform.clock.now(),
        },
        deps.context(),
      );
      try {
        deps.store.add(p.orderId, { s: ORDER_STATE.pending, r: draft });
      } catch {
        // Cannot write ahead: keep it in memory so a success is still reported, and say so.
        deps.store.keepInMemory(p.orderId, { s: ORDER_STATE.pending, r: draft });
        deps.error(new StorageFullError());
      }
      mine.add(p.orderId);
    },
    didPay(orderId, outcome) {
      const order = mine.has(orderId) ? deps.store.get(orderId) : undefined;
      mine.delete(orderId);
      if (!order || order.s !== 'p') return;
      if (outcome.status === 'paid') paid(deps, orderId, deps.platform.clock.now());
      else deps.store.remove([orderId]);
    },
  };
}
