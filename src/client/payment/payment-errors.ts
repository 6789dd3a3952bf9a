import type { PlatformName } from '../platform/platform';
import type { PurchaseErrorCode } from '../errors';

/**
 * The platforms' fail-callback `errCode`s, in one table. Sources:
 * - wx.requestMidasPayment: https://developers.weixin.qq.com/minigame/dev/api/midas-payment/wx.requestMidasPayment.html
 *   (res.errCode table: -1 system failure, -2 cancelled, -15001 missing param, -15002 invalid param, -15003 duplicate
 *   order, -15004 backend error, -15006 appId banned / currency unsupported, -15007 order already paid, 1 user
 *   cancelled, 2 a payment started while one is in progress, 3 Google Play missing, 4 OS payment state abnormal,
 *   5 OS error, 6 other, 1000 parameter error, 1003 Midas portal error). QQ's `qq.requestMidasPayment` is the same
 *   Midas API and returns the same codes.
 * - tt.requestGamePayment: https://developer.open-douyin.com/docs/resource/zh-CN/mini-game/develop/api/payment/tt-request-game-payment
 *   (-1 failed, -2 cancelled, -15001 missing param, -15002 invalid param, -15006 no payment permission, -15009
 *   finance side failed, -16000 not logged in, 2 a payment while one is in progress, 3 cashier failed to open,
 *   4 network error, 6 other).
 * - wx.requestMidasPaymentGameItem and WeChat iOS payment (shared/specs/platform-payment-verification.md): -15012
 *   signature, -15014 paySig, -15015 session_key expired (the relay signed with a stale one: log in again before the
 *   next order), -15016 item price differs from the console's, -15017 order closed, 701001 iOS cannot pay. -15003
 *   (duplicate order) and -15007 (already paid) stay plain failures: the order id is spent either way.
 * Unknown codes are failures (`PAYMENT_FAILED`) that keep the raw code.
 */
const MIDAS: Record<number, PurchaseErrorCode> = {
  [-2]: 'USER_CANCELLED',
  1: 'USER_CANCELLED',
  2: 'PAYMENT_IN_PROGRESS',
  [-15006]: 'PLATFORM_CANNOT_PAY',
  3: 'PLATFORM_CANNOT_PAY',
  4: 'PLATFORM_CANNOT_PAY',
};

const WECHAT: Record<number, PurchaseErrorCode> = {
  ...MIDAS,
  7: 'USER_CANCELLED', // requestMidasPaymentGameItem's own cancel (the typings' MidasPaymentError table)
  [-15012]: 'BAD_SIGNATURE',
  [-15014]: 'BAD_SIGNATURE',
  [-15015]: 'SESSION_STALE',
  [-15016]: 'PRICE_MISMATCH',
  [-15017]: 'ORDER_CLOSED',
  701001: 'PLATFORM_CANNOT_PAY',
};

const DOUYIN: Record<number, PurchaseErrorCode> = {
  [-2]: 'USER_CANCELLED',
  2: 'PAYMENT_IN_PROGRESS',
  [-15006]: 'PLATFORM_CANNOT_PAY',
  4: 'NETWORK',
};

const TABLES: Record<PlatformName, Record<number, PurchaseErrorCode>> = { wx: WECHAT, qq: MIDAS, tt: DOUYIN, web: {} };

/** What a fail-callback `errCode` means on `platform`: a cancel, or one kind of failure. */
export function classifyPaymentError(platform: PlatformName, errCode: number | undefined): PurchaseErrorCode {
  return (errCode !== undefined && TABLES[platform][errCode]) || 'PAYMENT_FAILED';
}

export function isCancelCode(platform: PlatformName, errCode: number | undefined): boolean {
  return classifyPaymentError(platform, errCode) === 'USER_CANCELLED';
}
