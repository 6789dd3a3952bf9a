export { createPurchaseKit } from './create-purchase-kit';
export type { PurchaseKit, KitEvents, RejectedReport } from './create-purchase-kit';
export type { PurchaseKitOptions, PurchasableProduct, ThirdPartyPurchase } from './kit-options';
export type { PurchaseResult } from './payment/purchase-flow';
export type { GameContext } from './report/build-report';
export type { PaymentOptions } from './platform/payment-options';
export type { BackoffOptions } from './queue/backoff';
export type {
  Platform,
  PlatformName,
  PlatformStorage,
  PlatformPayment,
  PaymentRequest,
  PaymentOutcome,
  HttpRequest,
  HttpResponse,
  Clock,
} from './platform/platform';
export { createWxPlatform } from './platform/wx';
export { createQqPlatform } from './platform/qq';
export { createTtPlatform } from './platform/tt';
export { detectPlatform } from './platform/detect-platform';
export { classifyPaymentError } from './payment/payment-errors';
export { isPurchaseReport, reportProblem } from './report/report-guard';
export {
  PurchaseError,
  PaymentInProgressError,
  PaymentFailedError,
  PlatformCannotPayError,
  NetworkError,
  RelayRejectedError,
  RelayError,
  StorageFullError,
  InvalidReportError,
  OrderRefusedError,
} from './errors';
export type { PurchaseErrorCode, PaymentFailureCode } from './errors';
export { SDK_VERSION } from './version';
