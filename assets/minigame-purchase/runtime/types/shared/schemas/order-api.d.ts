import { z } from 'zod';
/**
 * `POST /v1/orders`: the relay creates the order at the catalog price and signs what the platform needs. The
 * client sends only the product and the facts only the device knows; money never comes from the client.
 */
/** An order id the relay makes: at most 32 chars of `[A-Za-z0-9_-]`, never starting with `_` (WeChat outTradeNo). */
export declare const RELAY_ORDER_ID_PATTERN: RegExp;
/** The report's non-money fields, as the order keeps them for the sinks. */
export declare const OrderContextSchema: z.ZodObject<{
    zone: z.ZodOptional<z.ZodString>;
    gameUid: z.ZodOptional<z.ZodString>;
    gameNickname: z.ZodOptional<z.ZodString>;
    level: z.ZodOptional<z.ZodNumber>;
    playerId: z.ZodOptional<z.ZodString>;
    country: z.ZodOptional<z.ZodString>;
    serverId: z.ZodOptional<z.ZodString>;
    characterId: z.ZodOptional<z.ZodString>;
    netType: z.ZodOptional<z.ZodString>;
    scene: z.ZodOptional<z.ZodString>;
    device: z.ZodOptional<z.ZodObject<{
        type: z.ZodUnion<readonly [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]>;
        brand: z.ZodOptional<z.ZodString>;
        model: z.ZodOptional<z.ZodString>;
        os: z.ZodOptional<z.ZodString>;
        osVersion: z.ZodOptional<z.ZodString>;
        language: z.ZodOptional<z.ZodString>;
        platformVersion: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
    sdkVersion: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type OrderContext = z.infer<typeof OrderContextSchema>;
export declare const OrderRequestSchema: z.ZodObject<{
    productId: z.ZodString;
    quantity: z.ZodDefault<z.ZodNumber>;
    context: z.ZodDefault<z.ZodObject<{
        zone: z.ZodOptional<z.ZodString>;
        gameUid: z.ZodOptional<z.ZodString>;
        gameNickname: z.ZodOptional<z.ZodString>;
        level: z.ZodOptional<z.ZodNumber>;
        playerId: z.ZodOptional<z.ZodString>;
        country: z.ZodOptional<z.ZodString>;
        serverId: z.ZodOptional<z.ZodString>;
        characterId: z.ZodOptional<z.ZodString>;
        netType: z.ZodOptional<z.ZodString>;
        scene: z.ZodOptional<z.ZodString>;
        device: z.ZodOptional<z.ZodObject<{
            type: z.ZodUnion<readonly [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]>;
            brand: z.ZodOptional<z.ZodString>;
            model: z.ZodOptional<z.ZodString>;
            os: z.ZodOptional<z.ZodString>;
            osVersion: z.ZodOptional<z.ZodString>;
            language: z.ZodOptional<z.ZodString>;
            platformVersion: z.ZodOptional<z.ZodString>;
        }, z.core.$strip>>;
        sdkVersion: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type OrderRequest = z.input<typeof OrderRequestSchema>;
/** WeChat item direct purchase: pass these three to `wx.requestMidasPaymentGameItem` as they are. */
export declare const MidasGameItemPaymentSchema: z.ZodObject<{
    api: z.ZodLiteral<"requestMidasPaymentGameItem">;
    signData: z.ZodString;
    paySig: z.ZodString;
    signature: z.ZodString;
}, z.core.$strip>;
/** WeChat game coins: pass these to `wx.requestMidasPayment` (minus `api`). */
export declare const MidasCoinsPaymentSchema: z.ZodObject<{
    api: z.ZodLiteral<"requestMidasPayment">;
    mode: z.ZodLiteral<"game">;
    env: z.ZodUnion<readonly [z.ZodLiteral<0>, z.ZodLiteral<1>]>;
    offerId: z.ZodString;
    currencyType: z.ZodLiteral<"CNY">;
    platform: z.ZodLiteral<"android">;
    buyQuantity: z.ZodNumber;
    zoneId: z.ZodString;
    outTradeNo: z.ZodString;
}, z.core.$strip>;
/** QQ Midas: pass these to `qq.requestMidasPayment` (minus `api`); `prepayId` is the relay's GamePrePay answer. */
export declare const QqMidasPaymentSchema: z.ZodObject<{
    api: z.ZodLiteral<"requestMidasPayment">;
    prepayId: z.ZodString;
    starCurrency: z.ZodNumber;
    setEnv: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<0>, z.ZodLiteral<1>]>>;
}, z.core.$strip>;
/** Douyin game payment: pass these to `tt.requestGamePayment` (minus `api`). `customId` is the relay's order id. */
export declare const DouyinGamePaymentSchema: z.ZodObject<{
    api: z.ZodLiteral<"requestGamePayment">;
    mode: z.ZodLiteral<"game">;
    env: z.ZodLiteral<0>;
    currencyType: z.ZodLiteral<"CNY">;
    platform: z.ZodLiteral<"android">;
    buyQuantity: z.ZodNumber;
    zoneId: z.ZodString;
    customId: z.ZodString;
    extraInfo: z.ZodOptional<z.ZodString>;
    goodType: z.ZodOptional<z.ZodNumber>;
    orderAmount: z.ZodOptional<z.ZodNumber>;
}, z.core.$strip>;
/** WeChat's and QQ's `requestMidasPayment` share the `api` name: QQ's is the one with a `prepayId`. */
export declare const OrderPaymentSchema: z.ZodUnion<readonly [z.ZodObject<{
    api: z.ZodLiteral<"requestMidasPaymentGameItem">;
    signData: z.ZodString;
    paySig: z.ZodString;
    signature: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    api: z.ZodLiteral<"requestMidasPayment">;
    mode: z.ZodLiteral<"game">;
    env: z.ZodUnion<readonly [z.ZodLiteral<0>, z.ZodLiteral<1>]>;
    offerId: z.ZodString;
    currencyType: z.ZodLiteral<"CNY">;
    platform: z.ZodLiteral<"android">;
    buyQuantity: z.ZodNumber;
    zoneId: z.ZodString;
    outTradeNo: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    api: z.ZodLiteral<"requestMidasPayment">;
    prepayId: z.ZodString;
    starCurrency: z.ZodNumber;
    setEnv: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<0>, z.ZodLiteral<1>]>>;
}, z.core.$strip>, z.ZodObject<{
    api: z.ZodLiteral<"requestGamePayment">;
    mode: z.ZodLiteral<"game">;
    env: z.ZodLiteral<0>;
    currencyType: z.ZodLiteral<"CNY">;
    platform: z.ZodLiteral<"android">;
    buyQuantity: z.ZodNumber;
    zoneId: z.ZodString;
    customId: z.ZodString;
    extraInfo: z.ZodOptional<z.ZodString>;
    goodType: z.ZodOptional<z.ZodNumber>;
    orderAmount: z.ZodOptional<z.ZodNumber>;
}, z.core.$strip>]>;
export type OrderPayment = z.infer<typeof OrderPaymentSchema>;
export declare const OrderResponseSchema: z.ZodObject<{
    orderId: z.ZodString;
    productId: z.ZodString;
    amount: z.ZodNumber;
    currency: z.ZodString;
    env: z.ZodUnion<readonly [z.ZodLiteral<0>, z.ZodLiteral<1>]>;
    payment: z.ZodUnion<readonly [z.ZodObject<{
        api: z.ZodLiteral<"requestMidasPaymentGameItem">;
        signData: z.ZodString;
        paySig: z.ZodString;
        signature: z.ZodString;
    }, z.core.$strip>, z.ZodObject<{
        api: z.ZodLiteral<"requestMidasPayment">;
        mode: z.ZodLiteral<"game">;
        env: z.ZodUnion<readonly [z.ZodLiteral<0>, z.ZodLiteral<1>]>;
        offerId: z.ZodString;
        currencyType: z.ZodLiteral<"CNY">;
        platform: z.ZodLiteral<"android">;
        buyQuantity: z.ZodNumber;
        zoneId: z.ZodString;
        outTradeNo: z.ZodString;
    }, z.core.$strip>, z.ZodObject<{
        api: z.ZodLiteral<"requestMidasPayment">;
        prepayId: z.ZodString;
        starCurrency: z.ZodNumber;
        setEnv: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<0>, z.ZodLiteral<1>]>>;
    }, z.core.$strip>, z.ZodObject<{
        api: z.ZodLiteral<"requestGamePayment">;
        mode: z.ZodLiteral<"game">;
        env: z.ZodLiteral<0>;
        currencyType: z.ZodLiteral<"CNY">;
        platform: z.ZodLiteral<"android">;
        buyQuantity: z.ZodNumber;
        zoneId: z.ZodString;
        customId: z.ZodString;
        extraInfo: z.ZodOptional<z.ZodString>;
        goodType: z.ZodOptional<z.ZodNumber>;
        orderAmount: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strip>]>;
}, z.core.$strip>;
export type OrderResponse = z.infer<typeof OrderResponseSchema>;
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
