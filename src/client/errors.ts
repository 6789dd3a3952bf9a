/**
 * One class per kind of failure, each with a literal `name` and a `code` a program can switch on. `errCode` keeps
 * the platform's raw code so support can look it up in the platform's own table.
 */
export type PurchaseErrorCode =
  | 'USER_CANCELLED'
  | 'PAYMENT_IN_PROGRESS'
  | 'PAYMENT_FAILED'
  | 'SESSION_STALE'
  | 'BAD_SIGNATURE'
  | 'PRICE_MISMATCH'
  | 'ORDER_CLOSED'
  | 'ORDER_REFUSED'
  | 'PLATFORM_CANNOT_PAY'
  | 'NETWORK'
  | 'RELAY_REJECTED'
  | 'RELAY_ERROR'
  | 'STORAGE_FULL'
  | 'INVALID_REPORT';

export class PurchaseError extends Error {
  override readonly name: string = 'PurchaseError';
  constructor(
    readonly code: PurchaseErrorCode,
    message: string,
    /** The platform's raw code (e.g. `wx.requestMidasPayment` fail `errCode`), when there was one. */
    readonly errCode?: number,
  ) {
    super(message);
  }
}

export class PaymentInProgressError extends PurchaseError {
  override readonly name = 'PaymentInProgressError';
  constructor(message = 'another purchase is in progress', errCode?: number) {
    super('PAYMENT_IN_PROGRESS', message, errCode);
  }
}

/** The codes of a sheet the platform refused; each but PAYMENT_FAILED names a reason from the platform's table. */
export type PaymentFailureCode = 'PAYMENT_FAILED' | 'SESSION_STALE' | 'BAD_SIGNATURE' | 'PRICE_MISMATCH' | 'ORDER_CLOSED';

/**
 * The platform refused or failed the payment. `code` says why when the platform's table does (`SESSION_STALE`: the
 * relay's copy of the WeChat session_key expired, the kit logs in again before the next order; `BAD_SIGNATURE` /
 * `PRICE_MISMATCH`: the relay's signing or the console's item price is wrong; `ORDER_CLOSED`: make a new order).
 */
export class PaymentFailedError extends PurchaseError {
  override readonly name = 'PaymentFailedError';
  constructor(message: string, errCode?: number, code: PaymentFailureCode = 'PAYMENT_FAILED') {
    super(code, message, errCode);
  }
}

/**
 * No order could be made for this product, so no sheet opened and nothing was stored. `reason` is the relay's code
 * (`UNKNOWN_PRODUCT`, `PRICE_NOT_PAYABLE`, ...); the client gives `PRICE_NOT_PAYABLE` itself for a price that is
 * not a whole number of game coins.
 */
export class OrderRefusedError extends PurchaseError {
  override readonly name = 'OrderRefusedError';
  constructor(
    readonly reason: string,
    message: string,
    readonly field?: string,
  ) {
    super('ORDER_REFUSED', message);
  }
}

export class PlatformCannotPayError extends PurchaseError {
  override readonly name = 'PlatformCannotPayError';
  constructor(message: string, errCode?: number) {
    super('PLATFORM_CANNOT_PAY', message, errCode);
  }
}

export class NetworkError extends PurchaseError {
  override readonly name = 'NetworkError';
  constructor(message: string, errCode?: number) {
    super('NETWORK', message, errCode);
  }
}

/** The relay answered `rejected` (or 400) for a report: it is kept aside in storage, never resent blindly. */
export class RelayRejectedError extends PurchaseError {
  override readonly name = 'RelayRejectedError';
  constructor(
    message: string,
    readonly orderId?: string,
  ) {
    super('RELAY_REJECTED', message);
  }
}

/** The relay answered something the client cannot use (5xx, garbage, an unexpected status). */
export class RelayError extends PurchaseError {
  override readonly name = 'RelayError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super('RELAY_ERROR', message);
  }
}

export class StorageFullError extends PurchaseError {
  override readonly name = 'StorageFullError';
  constructor(message = 'platform storage is full: the purchase record could not be written', errCode?: number) {
    super('STORAGE_FULL', message, errCode);
  }
}

export class InvalidReportError extends PurchaseError {
  override readonly name = 'InvalidReportError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super('INVALID_REPORT', message);
  }
}
