import type { PaymentHooks } from '../platform/platform';
import { buildReport } from '../report/build-report';
import { paid, type PurchaseDeps } from './purchase-flow';
import { StorageFullError } from '../errors';

/** What a hooked payment needs: the same as `kit.purchase()`. */
export type HookDeps = PurchaseDeps;

/**
 * autoHook: a payment the game starts itself becomes a pending order before the sheet opens and a queued report
 * when it succeeds, exactly like `kit.purchase()`. Orders the kit itself is paying are already stored and skipped.
 */
export function createPaymentHooks(d: HookDeps): PaymentHooks {
  const mine = new Set<string>();
  return {
    willPay(p) {
      if (d.store.get(p.orderId)) return;
      const draft = buildReport(
        d.platform,
        {
          orderId: p.orderId,
          appId: d.appId,
          uid: d.uid(),
          productId: p.productId || 'coins.' + p.quantity,
          amount: p.amount ?? p.quantity * d.coinPrice,
          currency: p.currency,
          payType: 2,
          paidAt: d.platform.clock.now(),
        },
        d.context(),
      );
      try {
        d.store.add(p.orderId, { s: 'p', r: draft });
      } catch {
        // Cannot write ahead: keep it in memory so a success is still reported, and say so.
        d.store.keepInMemory(p.orderId, { s: 'p', r: draft });
        d.error(new StorageFullError());
      }
      mine.add(p.orderId);
    },
    didPay(orderId, outcome) {
      const order = mine.has(orderId) ? d.store.get(orderId) : undefined;
      mine.delete(orderId);
      if (!order || order.s !== 'p') return;
      if (outcome.status === 'paid') paid(d, orderId, d.platform.clock.now());
      else d.store.remove([orderId]);
    },
  };
}
