import type { PlatformName } from '../platform/platform';
import type { PurchaseErrorCode } from '../errors';
/** What a fail-callback `errCode` means on `platform`: a cancel, or one kind of failure. */
export declare function classifyPaymentError(platform: PlatformName, errCode: number | undefined): PurchaseErrorCode;
export declare function isCancelCode(platform: PlatformName, errCode: number | undefined): boolean;
