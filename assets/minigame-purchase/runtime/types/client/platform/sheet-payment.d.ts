import type { PaymentRequest, PlatformPayment } from './platform';
import type { CollectedFacts } from '../device/device-facts';
type Callbacks = {
    success(): void;
    fail(e: {
        errCode?: number;
        errMsg?: string;
    }): void;
};
/**
 * A payment sheet driven by a callback-style platform call (`requestMidasPayment`, `requestGamePayment`). Midas and
 * Douyin game payment accept `platform: 'android'` only, so an iOS device is told before any sheet opens.
 */
export declare function createSheetPayment(label: string, facts: () => CollectedFacts, open: ((req: PaymentRequest, cb: Callbacks) => void) | undefined): PlatformPayment;
export {};
