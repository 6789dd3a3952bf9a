import type { PaymentOutcome, PaymentRequest, PlatformPayment } from './platform';
import type { CollectedFacts } from '../device/device-facts';
import { failure } from './minigame-adapter';

type Callbacks = { success(): void; fail(e: { errCode?: number; errMsg?: string }): void };

/**
 * A payment sheet driven by a callback-style platform call (`requestMidasPayment`, `requestGamePayment`). Midas and
 * Douyin game payment accept `platform: 'android'` only, so an iOS device is told before any sheet opens.
 */
export function createSheetPayment(
  label: string,
  facts: () => CollectedFacts,
  open: ((req: PaymentRequest, cb: Callbacks) => void) | undefined,
): PlatformPayment {
  return {
    cannotPayReason() {
      if (!open) return `${label} is not available in this base library`;
      if (facts().platform === 'ios') return `${label} (virtual payment) is not available on iOS`;
      return undefined;
    },
    pay(req) {
      return new Promise<PaymentOutcome>((resolve) => {
        try {
          open!(req, { success: () => resolve({ status: 'paid' }), fail: (e) => resolve(failure(e)) });
        } catch (e) {
          resolve({ status: 'failed', errMsg: String((e as Error)?.message ?? e) });
        }
      });
    },
  };
}
