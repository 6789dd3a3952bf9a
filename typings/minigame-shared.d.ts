/**
 * The calls wx, qq and tt share (QQ and Douyin copied WeChat's API), typed by WeChat's typings: one declaration for
 * the client's adapters, the QQ and Douyin globals, and the test fakes, so none of them can drift from the others.
 */
declare namespace MinigameShared {
  type Api = Pick<
    WechatMinigame.Wx,
    | 'getStorageSync'
    | 'setStorageSync'
    | 'removeStorageSync'
    | 'request'
    | 'login'
    | 'getNetworkType'
    | 'onNetworkStatusChange'
    | 'onShow'
    | 'getLaunchOptionsSync'
  > &
    Partial<
      Pick<WechatMinigame.Wx, 'getDeviceInfo' | 'getAppBaseInfo' | 'getWindowInfo' | 'getSystemInfoSync' | 'getStorageInfoSync'>
    >;
  /** WeChat's payment calls (iOS support check included), as the client uses them. */
  type WxPayments = Pick<WechatMinigame.Wx, 'requestMidasPayment' | 'requestMidasPaymentGameItem' | 'requestVirtualPayment' | 'checkIsSupportMidasPayment'>;
  /** A request body. */
  type RequestData = WechatMinigame.IAnyObject;
}
