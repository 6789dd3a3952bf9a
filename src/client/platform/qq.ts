/// <reference path="../../../typings/qq.d.ts" />
import { createMinigamePlatform } from './minigame-adapter';
import type { PaymentCallSpec } from './minigame-adapter';
import { createSheetPayment, midasOptions, MIDAS_CALL } from './sheet-payment';
import type { PaymentOptions } from './payment-options';
import type { Callbacks } from './sheet-payment';
import type { Clock, HookablePlatform, PaymentRequest } from './platform';

/** The only file that names the `qq` global. */
export interface QqPlatformOptions {
  /** The QQ API object. @default the `qq` global */
  api?: QQMinigame.Qq;
  /** @default `{}` (see PaymentOptions for each default) */
  payment?: PaymentOptions;
  /** @default the host's timers and randomness */
  clock?: Clock;
}

export function qqAvailable(): boolean {
  return typeof qq !== 'undefined' && !!qq && typeof qq.request === 'function';
}

export function createQqPlatform(opts: QqPlatformOptions = {}): HookablePlatform {
  const api = opts.api || qq;
  const pay = opts.payment || {};
  return createMinigamePlatform({
    name: 'qq',
    api,
    clock: opts.clock,
    payment: (facts) =>
      createSheetPayment(
        'QQ Midas payment',
        facts,
        typeof api.requestMidasPayment === 'function' ? (req, cb) => openSheet(api, req, pay, cb) : undefined,
      ),
    hookable: QQ_PAYMENT_CALLS,
  });
}

/** The relay's order pays with its `prepayId` (QQ needs a server prepay); otherwise our own coins order. */
function openSheet(api: QQMinigame.Qq, req: PaymentRequest, pay: PaymentOptions, cb: Callbacks): void {
  const p = req.relayPayment;
  if (!p) return api.requestMidasPayment(midasOptions(req, pay, cb));
  if (!('prepayId' in p)) throw new Error(`the relay made a ${p.api} order of another platform`);
  api.requestMidasPayment({ prepayId: p.prepayId, starCurrency: p.starCurrency, setEnv: p.setEnv, ...cb });
}

export const QQ_PAYMENT_CALLS: PaymentCallSpec[] = [MIDAS_CALL];
