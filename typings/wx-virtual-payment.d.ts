/**
 * WeChat payment calls minigame-api-typings lacks or mistypes; only what the client uses is declared.
 * - `wx.requestVirtualPayment` (virtual payment 2.0, base library 3.x) is missing: `signData` is the server-signed
 *   JSON string carrying `outTradeNo`.
 * - `wx.requestMidasPaymentGameItem` takes `signData` as the exact JSON string that was signed; the typings declare
 *   an object, and an object fails with -15011 (shared/specs/platform-payment-verification.md). Declared here as an
 *   overload, so the typings' own form still compiles.
 */
declare namespace WechatMinigame {
  interface RequestVirtualPaymentOption {
    /** JSON string: `{"offerId", "buyQuantity", "env", "currencyType", "outTradeNo", "productId"?, "goodsPrice"?, ...}` */
    signData: string;
    paySig: string;
    signature: string;
    mode: string;
    success?: (res: { errMsg: string }) => void;
    fail?: (err: { errMsg: string; errCode: number }) => void;
    complete?: (res: { errMsg: string }) => void;
  }
  interface SignedMidasPaymentGameItemOption extends Omit<RequestMidasPaymentGameItemOption, 'signData'> {
    /** The JSON string the relay signed, passed as it is. */
    signData: string;
  }
  interface Wx {
    requestVirtualPayment?(option: RequestVirtualPaymentOption): void;
    requestMidasPaymentGameItem(option: SignedMidasPaymentGameItemOption): void;
  }
}
