import type { PaymentOutcome, PaymentRequest, PlatformPayment } from './platform';
import type { CollectedFacts } from '../device/device-facts';
import { failure } from './minigame-adapter';
import type { PaymentCallSpec } from './minigame-adapter';
import type { PaymentOptions } from './payment-options';
import { errorText } from '../best-effort';

export type Callbacks = { success(): void; fail(e: { errCode?: number; errMsg?: string }): void };

/**
 * A payment sheet driven by a callback-style platform call (`requestMidasPayment`, `requestGamePayment`). Midas and
 * Douyin game payment accept `platform: 'android'` only, so an iOS device is told before any sheet opens, unless
 * `askIos` can ask the platform (WeChat's `checkIsSupportMidasPayment`): then iOS pays when the platform says so.
 */
export function createSheetPayment(
  label: string,
  facts: () => CollectedFacts,
  open: ((req: PaymentRequest, cb: Callbacks) => void) | undefined,
  askIos?: (answer: (allowed: boolean) => void) => void,
): PlatformPayment {
  const iosRefusal = `${label} is not available on this iOS device`;
  let iosAllowed: boolean | undefined;
  const cannotPayReason = () => {
    if (!open) return `${label} is not available in this base library`;
    if (facts().platform !== 'ios') return undefined;
    return !askIos || iosAllowed === false ? iosRefusal : undefined;
  };
  return {
    coins: true,
    cannotPayReason,
    checkPayable() {
      const known = cannotPayReason();
      if (known || !askIos || facts().platform !== 'ios') return Promise.resolve(known);
      return new Promise((resolve) => {
        const answer = (allowed: boolean) => {
          iosAllowed = allowed;
          resolve(allowed ? undefined : iosRefusal);
        };
        try {
          askIos(answer);
        } catch {
          answer(false);
        }
      });
    },
    pay(req) {
      return new Promise<PaymentOutcome>((resolve) => {
        try {
          const success = () => {
            try {
              req.onPaid?.();
            } finally {
              resolve({ status: 'paid' });
            }
          };
          open!(req, { success, fail: (e) => resolve(failure(e)) });
        } catch (e) {
          resolve({ status: 'failed', errMsg: errorText(e) });
        }
      });
    },
  };
}

/** `requestMidasPayment` options (WeChat and QQ take the same): game currency, CNY, Android, our order id. */
export function midasOptions(req: PaymentRequest, pay: PaymentOptions, cb: Callbacks) {
  return {
    mode: 'game' as const,
    env: pay.env ?? 0,
    offerId: pay.offerId ?? '',
    currencyType: 'CNY' as const,
    platform: 'android' as const,
    buyQuantity: req.quantity,
    zoneId: pay.zoneId ?? '1',
    outTradeNo: req.orderId,
    success: cb.success,
    fail: cb.fail,
  };
}

/** autoHook of `requestMidasPayment` (WeChat and QQ). */
export const MIDAS_CALL: PaymentCallSpec = {
  method: 'requestMidasPayment',
  describe(o, newId) {
    // Without an outTradeNo the platform would invent one we cannot see; give the call one so the report can name it.
    if (typeof o.outTradeNo !== 'string' || !o.outTradeNo) o.outTradeNo = newId();
    return {
      orderId: o.outTradeNo as string,
      quantity: Number(o.buyQuantity) || 0,
      currency: typeof o.currencyType === 'string' ? o.currencyType : 'CNY',
    };
  },
};
