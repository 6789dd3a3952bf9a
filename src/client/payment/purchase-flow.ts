import type { Platform } from '../platform/platform';
import type { OrderStore } from '../queue/order-store';
import type { PurchasableProduct } from '../kit-options';
import type { GameContext } from '../report/build-report';
import { buildReport } from '../report/build-report';
import { createOrderId } from '../order-id';
import { classifyPaymentError } from './payment-errors';
import { isKnownCurrency } from '../currency-codes';
import {
  InvalidReportError,
  NetworkError,
  PaymentFailedError,
  PaymentInProgressError,
  PlatformCannotPayError,
  PurchaseError,
  StorageFullError,
} from '../errors';

export interface PurchaseResult {
  status: 'paid' | 'cancelled' | 'failed';
  orderId: string;
  /** Why it failed; on `paid`, set only when the report could not be made durable (storage full). */
  error?: PurchaseError;
  /** The platform's raw fail `errCode`, when there was one. */
  errCode?: number;
}

export interface PurchaseDeps {
  platform: Platform;
  store: OrderStore;
  appId: string;
  uid(): string;
  context(): GameContext;
  coinPrice: number;
  /** The order is queued (paid): send it. */
  queued(): void;
  error(e: PurchaseError): void;
}

/**
 * One purchase: order id, pending order in storage before the sheet opens, the sheet, and on success the order
 * becomes a queued report in the same storage write.
 */
export function createPurchaseFlow(d: PurchaseDeps) {
  let busy = false;
  return async function purchase(product: PurchasableProduct, ctx?: GameContext): Promise<PurchaseResult> {
    const { platform, store } = d;
    const orderId = createOrderId(platform.clock.now(), platform.clock.random);
    const fail = (error: PurchaseError): PurchaseResult => ({ status: 'failed', orderId, error, errCode: error.errCode });
    if (busy) return fail(new PaymentInProgressError());
    const reason = platform.payment.cannotPayReason();
    if (reason) return fail(new PlatformCannotPayError(reason));
    const bad = productProblem(product);
    if (bad) return fail(new InvalidReportError(`product ${bad} is invalid`, bad));

    const draft = buildReport(
      platform,
      {
        orderId,
        appId: d.appId,
        uid: d.uid(),
        productId: product.productId,
        goodsName: product.name,
        amount: product.price,
        currency: product.currency,
        payType: 2,
        paidAt: platform.clock.now(),
      },
      { ...d.context(), ...ctx },
    );
    try {
      store.add(orderId, { s: 'p', r: draft });
    } catch (e) {
      return fail(e instanceof PurchaseError ? e : new StorageFullError(String(e)));
    }

    busy = true;
    let done: PurchaseResult | undefined;
    const onPaid = () => (done ||= paid(d, orderId, { ...draft, paidAt: platform.clock.now() }));
    try {
      const outcome = await platform.payment
        .pay({
          orderId,
          productId: product.productId,
          amount: product.price,
          currency: product.currency,
          quantity: product.buyQuantity ?? Math.max(1, Math.round(product.price / d.coinPrice)),
          onPaid,
        })
        .catch((e: unknown) => ({ status: 'failed' as const, errCode: undefined, errMsg: String(e) }));
      if (outcome.status === 'paid') return onPaid();
      const code = outcome.status === 'cancelled' ? 'USER_CANCELLED' : classifyPaymentError(platform.name, outcome.errCode);
      // Not paid: the pending order goes (a cancel or a refused sheet charged nothing).
      store.remove([orderId]);
      if (code === 'USER_CANCELLED') return { status: 'cancelled', orderId, errCode: outcome.errCode };
      const msg = outcome.errMsg || `payment failed (errCode ${outcome.errCode})`;
      return fail(new (FAILURES[code] || PaymentFailedError)(msg, outcome.errCode));
    } finally {
      busy = false;
    }
  };
}

/** The error class of each failure code `classifyPaymentError` gives; any other code is a PaymentFailedError. */
const FAILURES: Partial<Record<string, new (message: string, errCode?: number) => PurchaseError>> = {
  PAYMENT_IN_PROGRESS: PaymentInProgressError,
  PLATFORM_CANNOT_PAY: PlatformCannotPayError,
  NETWORK: NetworkError,
};

/** Pending → queued in one storage write; if storage refuses, the report is still sent from memory and we say so. */
export function paid(d: Pick<PurchaseDeps, 'store' | 'queued' | 'error'>, orderId: string, report: import('../../shared/schemas/purchase-report').PurchaseReport): PurchaseResult {
  const order = { s: 'q' as const, r: report };
  let error: PurchaseError | undefined;
  try {
    d.store.put(orderId, order);
  } catch (e) {
    d.store.keepInMemory(orderId, order);
    error = e instanceof PurchaseError ? e : new StorageFullError(String(e));
    d.error(error);
  }
  d.queued();
  return error ? { status: 'paid', orderId, error } : { status: 'paid', orderId };
}

function productProblem(p: PurchasableProduct): string | undefined {
  if (!p || typeof p.productId !== 'string' || !p.productId) return 'productId';
  if (!Number.isSafeInteger(p.price) || p.price < 0) return 'price';
  if (typeof p.currency !== 'string' || !isKnownCurrency(p.currency)) return 'currency';
  return undefined;
}
