import type { Platform } from '../platform/platform';
import { ORDER_STATE, type OrderStore } from '../queue/order-store';
import type { PurchasableProduct } from '../kit-options';
import type { GameContext } from '../report/build-report';
import { buildReport, orderContext } from '../report/build-report';
import type { OrderClient, RelayOrder } from './relay-order';
import { createOrderId } from '../order-id';
import { classifyPaymentError } from './payment-errors';
import { isKnownCurrency } from '../currency-codes';
import {
  InvalidReportError,
  NetworkError,
  OrderRefusedError,
  PaymentFailedError,
  PaymentInProgressError,
  PlatformCannotPayError,
  PurchaseError,
  StorageFullError,
} from '../errors';
import type { PaymentFailureCode } from '../errors';

export interface PurchaseResult {
  status: 'paid' | 'cancelled' | 'failed';
  /** The order's id (the relay's when it made the order); `''` when it failed before any order existed. */
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
  /** `POST /v1/orders`: the relay's order and signed payment, when the relay makes orders for this game. */
  orders: OrderClient;
  /** The platform said the relay signed with an expired session_key (WeChat -15015): log in before the next order. */
  sessionStale(): void;
  /** The order is queued (paid): send it. */
  queued(): void;
  error(e: PurchaseError): void;
}

/**
 * One purchase: the order (the relay's, else our own id), the pending order in storage before the sheet opens, the
 * sheet, and on success the order becomes a queued report in the same storage write. Nothing is stored and no sheet
 * opens until there is an order the platform can be asked to charge exactly.
 */
export function createPurchaseFlow(deps: PurchaseDeps) {
  let busy = false;
  return async function purchase(product: PurchasableProduct, ctx?: GameContext): Promise<PurchaseResult> {
    if (busy) return failed('', new PaymentInProgressError());
    busy = true;
    try {
      return await buy(deps, product, { ...deps.context(), ...ctx });
    } finally {
      busy = false;
    }
  };
}

async function buy(deps: PurchaseDeps, product: PurchasableProduct, ctx: GameContext): Promise<PurchaseResult> {
  const { platform, store } = deps;
  const bad = productProblem(product);
  if (bad) return failed('', new InvalidReportError(`product ${bad} is invalid`, bad));
  const { payment } = platform;
  const reason = await (payment.checkPayable ? payment.checkPayable() : payment.cannotPayReason());
  if (reason) return failed('', new PlatformCannotPayError(reason));

  const draft = buildReport(
    platform,
    {
      orderId: '',
      appId: deps.appId,
      uid: '',
      productId: product.productId,
      goodsName: product.name,
      amount: product.price,
      currency: product.currency,
      payType: 2,
      paidAt: platform.clock.now(),
    },
    ctx,
  );
  let order: RelayOrder | undefined;
  try {
    order = await deps.orders.create(product.productId, orderContext(draft));
  } catch (e) {
    return failed('', e instanceof PurchaseError ? e : new NetworkError(String(e)));
  }
  let quantity: number;
  if (order) {
    // The relay's order is what the platform charges: its id, amount and currency are the report's.
    draft.orderId = order.orderId;
    draft.productId = order.productId;
    draft.amount = order.amount;
    draft.currency = order.currency;
    quantity = 'buyQuantity' in order.payment ? order.payment.buyQuantity : 1;
  } else {
    draft.orderId = createOrderId(platform.clock.now(), platform.clock.random);
    // Never round money: a price that is not a whole number of coins would be charged as another price.
    quantity = product.buyQuantity ?? product.price / deps.coinPrice;
    if (payment.coins && !(Number.isSafeInteger(quantity) && quantity >= 1)) {
      const msg = `price ${product.price} is not a whole number of coins of ${deps.coinPrice}`;
      return failed('', new OrderRefusedError('PRICE_NOT_PAYABLE', msg, 'price'));
    }
  }
  const { orderId } = draft;
  draft.uid = deps.uid();
  try {
    store.add(orderId, { s: ORDER_STATE.pending, r: draft });
  } catch (e) {
    return failed(orderId, e instanceof PurchaseError ? e : new StorageFullError(String(e)));
  }

  let done: PurchaseResult | undefined;
  const onPaid = () => (done ||= paid(deps, orderId, platform.clock.now()));
  const outcome = await payment
    .pay({
      orderId,
      productId: draft.productId,
      name: draft.goodsName,
      amount: draft.amount,
      currency: draft.currency,
      quantity,
      relayPayment: order && order.payment,
      onPaid,
    })
    .catch((e: unknown) => ({ status: 'failed' as const, errCode: undefined, errMsg: String(e) }));
  if (outcome.status === 'paid') return onPaid();
  const code = outcome.status === 'cancelled' ? 'USER_CANCELLED' : classifyPaymentError(platform.name, outcome.errCode);
  // Not paid: the pending order goes (a cancel or a refused sheet charged nothing).
  store.remove([orderId]);
  if (code === 'USER_CANCELLED') return { status: 'cancelled', orderId, errCode: outcome.errCode };
  if (code === 'SESSION_STALE') deps.sessionStale();
  const msg = outcome.errMsg || `payment failed (errCode ${outcome.errCode})`;
  const Failure = FAILURES[code];
  return failed(orderId, Failure ? new Failure(msg, outcome.errCode) : new PaymentFailedError(msg, outcome.errCode, code as PaymentFailureCode));
}

function failed(orderId: string, error: PurchaseError): PurchaseResult {
  return { status: 'failed', orderId, error, errCode: error.errCode };
}

/** The error class of each failure code `classifyPaymentError` gives; the others are PaymentFailedError codes. */
const FAILURES: Partial<Record<string, new (message: string, errCode?: number) => PurchaseError>> = {
  PAYMENT_IN_PROGRESS: PaymentInProgressError,
  PLATFORM_CANNOT_PAY: PlatformCannotPayError,
  NETWORK: NetworkError,
};

/** Pending → queued in one storage write; if storage refuses, the report is still sent from memory and we say so. */
export function paid(deps: Pick<PurchaseDeps, 'store' | 'queued' | 'error'>, orderId: string, paidAt: number): PurchaseResult {
  let error: PurchaseError | undefined;
  try {
    deps.store.markPaid(orderId, paidAt);
  } catch (e) {
    deps.store.keepInMemory(orderId, { s: ORDER_STATE.queued, r: { ...deps.store.get(orderId)!.r, paidAt } });
    error = e instanceof PurchaseError ? e : new StorageFullError(String(e));
    deps.error(error);
  }
  deps.queued();
  return error ? { status: 'paid', orderId, error } : { status: 'paid', orderId };
}

function productProblem(p: PurchasableProduct): string | undefined {
  if (!p || typeof p.productId !== 'string' || !p.productId) return 'productId';
  if (!Number.isSafeInteger(p.price) || p.price < 0) return 'price';
  if (typeof p.currency !== 'string' || !isKnownCurrency(p.currency)) return 'currency';
  return undefined;
}
