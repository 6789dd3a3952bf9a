import type { Session } from '../session/session';
import type { OrderContext, OrderPayment } from '../../shared/schemas/order-api';
import { NetworkError, OrderRefusedError, RelayError } from '../errors';
import { isKnownCurrency } from '../currency-codes';
import { int, isObject, re } from '../checks';

/** An order the relay made (`POST /v1/orders`): its id, the catalog's price, and the payment it signed. */
export interface RelayOrder {
  orderId: string;
  productId: string;
  /** Minor units of `currency`: what the platform will charge, so what the report says. */
  amount: number;
  currency: string;
  payment: OrderPayment;
}

export interface OrderClient {
  /**
   * Resolves the relay's order, or `undefined` when the relay makes no orders for this game (409
   * `ORDERS_NOT_ENABLED`, or 404 from a relay older than the endpoint): that answer is kept until the next login, so
   * such a game pays no round trip per purchase. Rejects with NetworkError (unreachable, 5xx), OrderRefusedError
   * (400: `UNKNOWN_PRODUCT`, `PRICE_NOT_PAYABLE`, ...) or RelayError (anything else, or an order it cannot use).
   * A 401 (`SESSION_KEY_STALE` too) has already cost one new login and one retry inside `session.request`.
   */
  create(productId: string, context: OrderContext): Promise<RelayOrder | undefined>;
  /** A new session: ask the relay again. */
  forget(): void;
}

/** The relay's order id (WeChat outTradeNo, Douyin customId, QQ bill_no) (order-api.ts RELAY_ORDER_ID_PATTERN; that file carries zod). */
const isRelayOrderId = re(/^[A-Za-z0-9-][A-Za-z0-9_-]{0,31}$/);
const isAmount = int(0, Number.MAX_SAFE_INTEGER);
const isUnits = int(1, Number.MAX_SAFE_INTEGER);

export function createOrderClient(session: Pick<Session, 'request'>): OrderClient {
  let notEnabled = false;
  return {
    async create(productId, context) {
      if (notEnabled) return undefined;
      // quantity counts units of the product (the relay charges unit price × quantity), never Midas coins.
      const res = await session.request({ url: '/v1/orders', method: 'POST', body: { productId, quantity: 1, context } });
      const { status, body } = res;
      const e = (isObject(body) && isObject(body.error) ? body.error : {}) as { code?: unknown; message?: unknown; field?: unknown };
      const what = `POST /v1/orders answered ${status}` + (typeof e.code === 'string' ? ' ' + e.code : '');
      if (status === 200) {
        const order = asOrder(body);
        if (order) return order;
        throw new RelayError(what + ': unusable order', status);
      }
      if (status === 404 || (status === 409 && e.code === 'ORDERS_NOT_ENABLED')) {
        notEnabled = true;
        return undefined;
      }
      if (status === 400 && typeof e.code === 'string') {
        throw new OrderRefusedError(e.code, `${what}: ${String(e.message)}`, typeof e.field === 'string' ? e.field : undefined);
      }
      if (status >= 500) throw new NetworkError(what);
      throw new RelayError(what, status);
    },
    forget() {
      notEnabled = false;
    },
  };
}

/** The order, when it is whole and the payment pays that very order id (else the stored order would name another). */
function asOrder(v: unknown): RelayOrder | undefined {
  if (!isObject(v) || !isObject(v.payment)) return undefined;
  const { orderId, productId, amount, currency } = v;
  const p = v.payment;
  if (!isRelayOrderId(orderId) || typeof productId !== 'string' || !isAmount(amount)) return undefined;
  if (typeof currency !== 'string' || !isKnownCurrency(currency)) {
    return undefined;
  }
  let paysOrder: unknown;
  if (p.api === 'requestMidasPayment') {
    // QQ's prepayId was made for this order's bill_no on the relay: nothing in it to compare.
    paysOrder = typeof p.prepayId === 'string' ? p.prepayId && isUnits(p.starCurrency) && orderId : isUnits(p.buyQuantity) && p.outTradeNo;
  } else if (p.api === 'requestGamePayment') {
    paysOrder = isUnits(p.buyQuantity) && p.customId;
  } else if (p.api === 'requestMidasPaymentGameItem' && typeof p.paySig === 'string' && typeof p.signature === 'string') {
    try {
      paysOrder = typeof p.signData === 'string' && (JSON.parse(p.signData) as { outTradeNo?: unknown }).outTradeNo;
    } catch {
      // not JSON: not payable
    }
  }
  return paysOrder === orderId
    ? { orderId: orderId as string, productId, amount: amount as number, currency, payment: p as OrderPayment }
    : undefined;
}
