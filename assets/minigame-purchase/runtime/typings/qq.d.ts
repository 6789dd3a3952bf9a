/// <reference path="./minigame-shared.d.ts" />
/**
 * The QQ mini-game global. QQ copies WeChat's API, so the shared calls reuse WeChat's typings; only the Midas
 * payment call is declared here (same parameters and errCodes as WeChat's, `qq.requestMidasPayment`).
 */
declare namespace QQMinigame {
  /** WeChat's shared calls (QQ and Douyin copied WeChat's API), as the client uses them. */
  type SharedApi = MinigameShared.Api;
  interface RequestMidasPaymentOption {
    mode: 'game';
    env?: 0 | 1;
    offerId: string;
    currencyType: 'CNY';
    platform?: 'android';
    buyQuantity: number;
    zoneId?: string;
    outTradeNo?: string;
    success?: (res: { errMsg: string }) => void;
    fail?: (err: { errMsg: string; errCode: number }) => void;
    complete?: (res: { errMsg: string }) => void;
  }
  /** With a server prepay (`GamePrePay`): the relay's `prepayId`, the star currency it charges, and `setEnv`. */
  interface RequestMidasPaymentPrepayOption {
    prepayId: string;
    starCurrency: number;
    setEnv?: 0 | 1;
    success?: (res: { errMsg: string }) => void;
    fail?: (err: { errMsg: string; errCode: number }) => void;
    complete?: (res: { errMsg: string }) => void;
  }
  type Qq = SharedApi & {
    requestMidasPayment(option: RequestMidasPaymentOption | RequestMidasPaymentPrepayOption): void;
  };
}
