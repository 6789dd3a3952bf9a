import type { Session } from '../session/session';
import type { OrderContext, OrderPayment } from '../../shared/schemas/order-api';
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
export declare function createOrderClient(session: Pick<Session, 'request'>): OrderClient;
