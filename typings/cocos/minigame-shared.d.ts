/**
 * What the Cocos drop-in's declarations need of the mini-game APIs, declared here so they stand alone: a game need
 * not install minigame-api-typings, and one that does gets no second `wx` or `console`. WeChat's own `wx` (as
 * minigame-api-typings declares it) is assignable to `MinigameShared.Api & Partial<MinigameShared.WxPayments>`;
 * the drop-in's test checks that, and the runtime's generator compiles the client against this file, so it covers
 * every call the client makes. (The repository's own `typings/minigame-shared.d.ts` picks the same calls from
 * minigame-api-typings.)
 */
declare namespace MinigameShared {
  type RequestData = string | object | ArrayBuffer;
  interface Fail {
    errMsg: string;
    errCode?: number;
  }
  interface Callbacks<Result> {
    success?(result: Result): void;
    fail?(error: Fail): void;
    complete?(result: unknown): void;
  }
  interface RequestOption extends Callbacks<{ data: any; statusCode: number; header: object; errMsg: string }> {
    url: string;
    method?: 'OPTIONS' | 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'TRACE' | 'CONNECT';
    data?: RequestData;
    header?: Record<string, string>;
    timeout?: number;
    dataType?: 'json' | string;
  }
  interface LaunchOptions {
    scene: number;
    query?: Record<string, string>;
  }
  interface DeviceInfo {
    brand?: string;
    model?: string;
    platform?: string;
    system?: string;
  }
  interface AppBaseInfo {
    SDKVersion?: string;
    language?: string;
  }
  interface WindowInfo {
    pixelRatio?: number;
    screenWidth?: number;
    screenHeight?: number;
  }
  interface SystemInfo extends DeviceInfo, AppBaseInfo {
    version?: string;
  }
  /** The calls wx, qq and tt share (QQ and Douyin copied WeChat's API), as the client uses them. */
  interface Api {
    getStorageSync(key: string): any;
    setStorageSync(key: string, data: any): void;
    removeStorageSync(key: string): void;
    request(option: RequestOption): void;
    login(option: Callbacks<{ code: string; errMsg: string }> & { timeout?: number }): void;
    getNetworkType(option: Callbacks<{ networkType: string; errMsg: string }>): void;
    onNetworkStatusChange(listener: (result: { isConnected: boolean; networkType: string }) => void): void;
    onShow(listener: (result: LaunchOptions) => void): void;
    getLaunchOptionsSync(): LaunchOptions;
    getDeviceInfo?(): DeviceInfo;
    getAppBaseInfo?(): AppBaseInfo;
    getWindowInfo?(): WindowInfo;
    getSystemInfoSync?(): SystemInfo;
    getStorageInfoSync?(): { keys: string[]; currentSize: number; limitSize: number };
  }
  interface MidasPaymentOption extends Callbacks<{ errMsg: string }> {
    mode: 'game';
    env?: 0 | 1;
    offerId: string;
    currencyType: 'CNY';
    platform?: 'android';
    buyQuantity: number;
    zoneId?: string;
    outTradeNo: string;
  }
  interface SignedPaymentOption extends Callbacks<{ errMsg: string }> {
    /**
     * The JSON string the relay signed, passed as it is (the client always passes that string). `object` too, only
     * because minigame-api-typings types it as one, so that its `wx` still fits here.
     */
    signData: string | object;
    paySig: string;
    signature: string;
  }
  /** WeChat's payment calls (iOS support check included), as the client uses them. */
  interface WxPayments {
    requestMidasPayment(option: MidasPaymentOption): void;
    requestMidasPaymentGameItem(option: SignedPaymentOption): void;
    requestVirtualPayment(option: SignedPaymentOption & { mode: string }): void;
    checkIsSupportMidasPayment(option: Callbacks<{ data?: { allow_pay?: boolean } }>): void;
  }
}
