/**
 * `wx.requestVirtualPayment` (virtual payment 2.0, base library 3.x) is missing from minigame-api-typings. Only what
 * the client uses is declared: `signData` is the server-signed JSON string carrying `outTradeNo`.
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
  interface Wx {
    requestVirtualPayment?(option: RequestVirtualPaymentOption): void;
  }
}
