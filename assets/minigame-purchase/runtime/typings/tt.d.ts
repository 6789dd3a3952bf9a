/// <reference path="./minigame-shared.d.ts" />
/**
 * The Douyin (tt) mini-game global. Douyin copies WeChat's API, so the shared calls reuse WeChat's typings; the
 * game payment call is declared from https://developer.open-douyin.com/docs/resource/zh-CN/mini-game/develop/api/payment/tt-request-game-payment
 */
declare namespace TTMinigame {
  /** WeChat's shared calls (QQ and Douyin copied WeChat's API), as the client uses them. */
  type SharedApi = MinigameShared.Api;
  interface RequestGamePaymentOption {
    mode: 'game';
    /** Only 0 is valid. */
    env: 0;
    currencyType: 'CNY';
    platform: 'android';
    buyQuantity: number;
    zoneId?: string;
    /** The developer's unique order id (base library 1.55.0+). */
    customId?: string;
    extraInfo?: string;
    /** 1 game coins, 2 item purchase (base library 3.47.0). */
    goodType?: number;
    /** Required for item purchases (base library 3.47.0). */
    orderAmount?: number;
    success?: (res: { errMsg: string }) => void;
    fail?: (err: { errMsg: string; errCode: number }) => void;
    complete?: (res: { errMsg: string }) => void;
  }
  type Tt = SharedApi & {
    requestGamePayment(option: RequestGamePaymentOption): void;
  };
}
