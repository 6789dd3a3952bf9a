/**
 * One class per kind of failure, each with a literal `name` and a `code` a program can switch on. `errCode` keeps
 * the platform's raw code so support can look it up in the platform's own table.
 */
export type PurchaseErrorCode = 'USER_CANCELLED' | 'PAYMENT_IN_PROGRESS' | 'PAYMENT_FAILED' | 'SESSION_STALE' | 'BAD_SIGNATURE' | 'PRICE_MISMATCH' | 'ORDER_CLOSED' | 'ORDER_REFUSED' | 'PLATFORM_CANNOT_PAY' | 'NETWORK' | 'RELAY_REJECTED' | 'RELAY_ERROR' | 'STORAGE_FULL' | 'INVALID_REPORT';
export declare class PurchaseError extends Error {
    readonly code: PurchaseErrorCode;
    /** The platform's raw code (e.g. `wx.requestMidasPayment` fail `errCode`), when there was one. */
    readonly errCode?: number | undefined;
    readonly name: string;
    constructor(code: PurchaseErrorCode, message: string, 
    /** The platform's raw code (e.g. `wx.requestMidasPayment` fail `errCode`), when there was one. */
    errCode?: number | undefined);
}
export declare class PaymentInProgressError extends PurchaseError {
    readonly name = "PaymentInProgressError";
    constructor(message?: string, errCode?: number);
}
/** The codes of a sheet the platform refused; each but PAYMENT_FAILED names a reason from the platform's table. */
export type PaymentFailureCode = 'PAYMENT_FAILED' | 'SESSION_STALE' | 'BAD_SIGNATURE' | 'PRICE_MISMATCH' | 'ORDER_CLOSED';
/**
 * The platform refused or failed the payment. `code` says why when the platform's table does (`SESSION_STALE`: the
 * relay's copy of the WeChat session_key expired, the kit logs in again before the next order; `BAD_SIGNATURE` /
 * `PRICE_MISMATCH`: the relay's signing or the console's item price is wrong; `ORDER_CLOSED`: make a new order).
 */
export declare class PaymentFailedError extends PurchaseError {
    readonly name = "PaymentFailedError";
    constructor(message: string, errCode?: number, code?: PaymentFailureCode);
}
/**
 * No order could be made for this product, so no sheet opened and nothing was stored. `reason` is the relay's code
 * (`UNKNOWN_PRODUCT`, `PRICE_NOT_PAYABLE`, ...); the client gives `PRICE_NOT_PAYABLE` itself for a price that is
 * not a whole number of game coins.
 */
export declare class OrderRefusedError extends PurchaseError {
    readonly reason: string;
    readonly field?: string | undefined;
    readonly name = "OrderRefusedError";
    constructor(reason: string, message: string, field?: string | undefined);
}
export declare class PlatformCannotPayError extends PurchaseError {
    readonly name = "PlatformCannotPayError";
    constructor(message: string, errCode?: number);
}
export declare class NetworkError extends PurchaseError {
    readonly name = "NetworkError";
    constructor(message: string, errCode?: number);
}
/** The relay answered `rejected` (or 400) for a report: it is kept aside in storage, never resent blindly. */
export declare class RelayRejectedError extends PurchaseError {
    readonly orderId?: string | undefined;
    readonly name = "RelayRejectedError";
    constructor(message: string, orderId?: string | undefined);
}
/** The relay answered something the client cannot use (5xx, garbage, an unexpected status). */
export declare class RelayError extends PurchaseError {
    readonly status?: number | undefined;
    readonly name = "RelayError";
    constructor(message: string, status?: number | undefined);
}
export declare class StorageFullError extends PurchaseError {
    readonly name = "StorageFullError";
    constructor(message?: string, errCode?: number);
}
export declare class InvalidReportError extends PurchaseError {
    readonly field: string;
    readonly name = "InvalidReportError";
    constructor(message: string, field: string);
}
