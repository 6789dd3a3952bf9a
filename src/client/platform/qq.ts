/// <reference path="../../../typings/qq.d.ts" />
import { createMinigamePlatform } from './minigame-adapter';
import type { PaymentCallSpec } from './minigame-adapter';
import { createSheetPayment, midasOptions, MIDAS_CALL } from './sheet-payment';
import type { PaymentOptions } from './payment-options';
import type { Clock, HookablePlatform } from './platform';

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
        typeof api.requestMidasPayment === 'function' ? (req, cb) => api.requestMidasPayment(midasOptions(req, pay, cb)) : undefined,
      ),
    hookable: QQ_PAYMENT_CALLS,
  });
}

export const QQ_PAYMENT_CALLS: PaymentCallSpec[] = [MIDAS_CALL];
