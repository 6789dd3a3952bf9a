/**
 * `POST /v1/orders`: the relay creates the order at the catalog price and signs what the platform needs. The
 * client sends only the product and the facts only the device knows; money never comes from the client.
 */
/** An order id the relay makes: at most 32 chars of `[A-Za-z0-9_-]`, never starting with `_` (WeChat outTradeNo). */
export declare const RELAY_ORDER_ID_PATTERN: RegExp;
export type OrderContext = {
    goodsName?: string | undefined;
    zone?: string | undefined;
    gameUid?: string | undefined;
    gameNickname?: string | undefined;
    level?: number | undefined;
    playerId?: string | undefined;
    country?: string | undefined;
    serverId?: string | undefined;
    characterId?: string | undefined;
    netType?: string | undefined;
    scene?: string | undefined;
    device?: {
        type: 3 | 1 | 2;
        brand?: string | undefined;
        model?: string | undefined;
        os?: string | undefined;
        osVersion?: string | undefined;
        language?: string | undefined;
        platformVersion?: string | undefined;
    } | undefined;
    sdkVersion?: string | undefined;
};
export type OrderRequest = {
    productId: string;
    quantity?: number | undefined;
    context?: {
        goodsName?: string | undefined;
        zone?: string | undefined;
        gameUid?: string | undefined;
        gameNickname?: string | undefined;
        level?: number | undefined;
        playerId?: string | undefined;
        country?: string | undefined;
        serverId?: string | undefined;
        characterId?: string | undefined;
        netType?: string | undefined;
        scene?: string | undefined;
        device?: {
            type: 3 | 1 | 2;
            brand?: string | undefined;
            model?: string | undefined;
            os?: string | undefined;
            osVersion?: string | undefined;
            language?: string | undefined;
            platformVersion?: string | undefined;
        } | undefined;
        sdkVersion?: string | undefined;
    } | undefined;
};
export type OrderPayment = {
    api: "requestMidasPaymentGameItem";
    signData: string;
    paySig: string;
    signature: string;
} | {
    api: "requestMidasPayment";
    mode: "game";
    env: 0 | 1;
    offerId: string;
    currencyType: "CNY";
    platform: "android";
    buyQuantity: number;
    zoneId: string;
    outTradeNo: string;
} | {
    api: "requestMidasPayment";
    prepayId: string;
    starCurrency: number;
    setEnv?: 0 | 1 | undefined;
} | {
    api: "requestGamePayment";
    mode: "game";
    env: 0;
    currencyType: "CNY";
    platform: "android";
    buyQuantity: number;
    zoneId: string;
    customId: string;
    extraInfo?: string | undefined;
    goodType?: number | undefined;
    orderAmount?: number | undefined;
};
export type OrderResponse = {
    orderId: string;
    productId: string;
    amount: number;
    currency: string;
    env: 0 | 1;
    payment: {
        api: "requestMidasPaymentGameItem";
        signData: string;
        paySig: string;
        signature: string;
    } | {
        api: "requestMidasPayment";
        mode: "game";
        env: 0 | 1;
        offerId: string;
        currencyType: "CNY";
        platform: "android";
        buyQuantity: number;
        zoneId: string;
        outTradeNo: string;
    } | {
        api: "requestMidasPayment";
        prepayId: string;
        starCurrency: number;
        setEnv?: 0 | 1 | undefined;
    } | {
        api: "requestGamePayment";
        mode: "game";
        env: 0;
        currencyType: "CNY";
        platform: "android";
        buyQuantity: number;
        zoneId: string;
        customId: string;
        extraInfo?: string | undefined;
        goodType?: number | undefined;
        orderAmount?: number | undefined;
    };
};
/**
 * Error codes of `POST /v1/orders` a client acts on (every error body is `{error: {code, message, field?}}`).
 * `SESSION_KEY_STALE` (401): log in again and retry once. `ORDERS_NOT_ENABLED` (409): the game has no payment
 * config on the relay (`revenue: "reported"`): the client makes its own order id and pays as before.
 */
export declare const ORDER_ERROR_CODES: {
    readonly sessionKeyStale: "SESSION_KEY_STALE";
    readonly notEnabled: "ORDERS_NOT_ENABLED";
    readonly unknownProduct: "UNKNOWN_PRODUCT";
    readonly notPayable: "PRICE_NOT_PAYABLE";
};
