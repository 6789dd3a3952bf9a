/// <reference path="../../../typings/tt.d.ts" />
import { createMinigamePlatform } from './minigame-adapter';
import type { PaymentCallSpec } from './minigame-adapter';
import { createSheetPayment } from './sheet-payment';
import type { PaymentOptions } from './payment-options';
import type { Callbacks } from './sheet-payment';
import type { Clock, HookablePlatform, PaymentRequest } from './platform';

/** The only file that names the `tt` global (Douyin). */
export interface TtPlatformOptions {
  /** The Douyin API object. @default the `tt` global */
  api?: TTMinigame.Tt;
  /** `offerId` is not used on Douyin. @default `{}` */
  payment?: PaymentOptions;
  /** @default the host's timers and randomness */
  clock?: Clock;
}

export function ttAvailable(): boolean {
  return typeof tt !== 'undefined' && !!tt && typeof tt.request === 'function';
}

export function createTtPlatform(opts: TtPlatformOptions = {}): HookablePlatform {
  const api = opts.api || tt;
  const pay = opts.payment || {};
  return createMinigamePlatform({
    name: 'tt',
    api,
    clock: opts.clock,
    payment: (facts) =>
      createSheetPayment(
        'Douyin game payment',
        facts,
        typeof api.requestGamePayment === 'function' ? (req, cb) => api.requestGamePayment(gamePaymentOptions(req, pay, cb)) : undefined,
      ),
    hookable: TT_PAYMENT_CALLS,
  });
}

/** The relay's order as it made it (`customId` is its order id); otherwise our own coins order. */
function gamePaymentOptions(req: PaymentRequest, pay: PaymentOptions, cb: Callbacks): TTMinigame.RequestGamePaymentOption {
  const p = req.relayPayment;
  if (!p) {
    return { mode: 'game', env: 0, currencyType: 'CNY', platform: 'android', buyQuantity: req.quantity, zoneId: pay.zoneId ?? '1', customId: req.orderId, ...cb };
  }
  if (p.api !== 'requestGamePayment') throw new Error(`the relay made a ${p.api} order of another platform`);
  const { mode, env, currencyType, platform, buyQuantity, zoneId, customId, extraInfo, goodType, orderAmount } = p;
  const o: TTMinigame.RequestGamePaymentOption = { mode, env, currencyType, platform, buyQuantity, zoneId, customId, ...cb };
  // Optional fields only when the relay sent them: an older base library may refuse keys it does not know.
  if (extraInfo !== undefined) o.extraInfo = extraInfo;
  if (goodType !== undefined) o.goodType = goodType;
  if (orderAmount !== undefined) o.orderAmount = orderAmount;
  return o;
}

export const TT_PAYMENT_CALLS: PaymentCallSpec[] = [
  {
    method: 'requestGamePayment',
    describe(o) {
      // customId is required (base library 1.55.0+): a call without one fails, so there is nothing to report.
      if (typeof o.customId !== 'string' || !o.customId) return undefined;
      return { orderId: o.customId, quantity: Number(o.buyQuantity) || 0, currency: 'CNY' };
    },
  },
];
