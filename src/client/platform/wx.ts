/// <reference path="../../../typings/wx-virtual-payment.d.ts" />
import { createMinigamePlatform } from './minigame-adapter';
import type { MinigameApi, PaymentCallSpec } from './minigame-adapter';
import { createSheetPayment, midasOptions, MIDAS_CALL } from './sheet-payment';
import type { Callbacks } from './sheet-payment';
import type { PaymentOptions } from './payment-options';
import type { Clock, HookablePlatform, PaymentRequest } from './platform';

/** The only file that names the `wx` global. */
export type WxApi = MinigameApi & Partial<MinigameShared.WxPayments>;

export interface WxPlatformOptions {
  /** The WeChat API object. @default the `wx` global */
  api?: WxApi;
  /** @default `{}` (see PaymentOptions for each default) */
  payment?: PaymentOptions;
  /** @default the host's timers, `Date.now` and `crypto.getRandomValues` */
  clock?: Clock;
}

export function wxAvailable(): boolean {
  return typeof wx !== 'undefined' && !!wx && typeof wx.request === 'function';
}

export function createWxPlatform(opts: WxPlatformOptions = {}): HookablePlatform {
  const api: WxApi = opts.api || wx;
  const pay = opts.payment || {};
  return createMinigamePlatform({
    name: 'wx',
    api,
    clock: opts.clock,
    payment: (facts) =>
      createSheetPayment(
        'WeChat Midas payment',
        facts,
        typeof api.requestMidasPayment === 'function' ? (req, cb) => openSheet(api, req, pay, cb) : undefined,
        // iOS pays when WeChat says so (iOS >= 15, WeChat >= 8.0.68, base library >= 3.10.3); without the call it cannot.
        typeof api.checkIsSupportMidasPayment === 'function'
          ? (answer) =>
              api.checkIsSupportMidasPayment!({
                success: (r) => answer(!!(r && r.data && r.data.allow_pay)),
                fail: () => answer(false),
              })
          : undefined,
      ),
    hookable: WX_PAYMENT_CALLS,
  });
}

/** The relay's signed payment goes to the call it names with exactly its values; otherwise our own coins order. */
function openSheet(api: WxApi, req: PaymentRequest, pay: PaymentOptions, cb: Callbacks): void {
  const p = req.relayPayment;
  if (!p) return api.requestMidasPayment!(midasOptions(req, pay, cb));
  // A base library without the call throws here: the sheet fails with that message, nothing was charged.
  if (p.api === 'requestMidasPaymentGameItem') {
    return api.requestMidasPaymentGameItem!({ signData: p.signData, paySig: p.paySig, signature: p.signature, ...cb });
  }
  if (!('outTradeNo' in p)) throw new Error(`the relay made a ${p.api} order of another platform`);
  const { mode, env, offerId, currencyType, platform, buyQuantity, zoneId, outTradeNo } = p;
  api.requestMidasPayment!({ mode, env, offerId, currencyType, platform, buyQuantity, zoneId, outTradeNo, ...cb });
}

/** The WeChat payment calls autoHook wraps, and how each names its order. */
export const WX_PAYMENT_CALLS: PaymentCallSpec[] = [
  MIDAS_CALL,
  { method: 'requestMidasPaymentGameItem', describe: fromSignData },
  { method: 'requestVirtualPayment', describe: fromSignData },
];

/** Item purchases carry a server-signed `signData`: read it, never change it (the signature covers it). */
function fromSignData(o: Record<string, unknown>) {
  let d: Record<string, unknown>;
  try {
    d = (typeof o.signData === 'string' ? JSON.parse(o.signData) : o.signData) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!d || typeof d.outTradeNo !== 'string') return undefined;
  const quantity = Number(d.buyQuantity) || 1;
  return {
    orderId: d.outTradeNo,
    quantity,
    currency: typeof d.currencyType === 'string' ? d.currencyType : 'CNY',
    productId: typeof d.productId === 'string' ? d.productId : undefined,
    amount: typeof d.goodsPrice === 'number' ? d.goodsPrice * quantity : undefined,
  };
}
