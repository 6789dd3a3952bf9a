/**
 * One class per kind of failure, each with a literal `name` and a `code` a program can switch on. `errCode` keeps
 * the platform's raw code so support can look it up in the platform's own table.
 */
export type PurchaseErrorCode = 'USER_CANCELLED' | 'PAYMENT_IN_PROGRESS' | 'PAYMENT_FAILED' | 'PLATFORM_CANNOT_PAY' | 'NETWORK' | 'RELAY_REJECTED' | 'RELAY_ERROR' | 'STORAGE_FULL' | 'INVALID_REPORT';
export declare class PurchaseError extends Error {
    readonly code: PurchaseErrorCode;
    /** The platform's raw code (e.g. `wx.requestMidasPayment` fail `errCode`), when there was one. */
    readonly errCode?: number | undefined;
    readonly name: string;
    constructor(code: PurchaseErrorCode, message: string, 
    /** The platform's raw code (e.g. `wx.requestMidasPayment` fail `errCode`), when there was one. */
    errCode?: number | undefined);
}
export declare class UserCancelledError extends PurchaseError {
    readonly name = "UserCancelledError";
    constructor(message: string, errCode?: number);
}
export declare class PaymentInProgressError extends PurchaseError {
    readonly name = "PaymentInProgressError";
    constructor(message?: string, errCode?: number);
}
export declare class PaymentFailedError extends PurchaseError {
    readonly name = "PaymentFailedError";
    constructor(message: string, errCode?: number);
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
