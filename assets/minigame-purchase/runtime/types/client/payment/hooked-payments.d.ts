import type { PaymentHooks, Platform } from '../platform/platform';
import type { OrderStore } from '../queue/order-store';
import type { GameContext } from '../report/build-report';
import type { PurchaseError } from '../errors';
export interface HookDeps {
    platform: Platform;
    store: OrderStore;
    appId: string;
    uid(): string;
    context(): GameContext;
    coinPrice: number;
    queued(): void;
    error(e: PurchaseError): void;
}
/**
 * autoHook: a payment the game starts itself becomes a pending order before the sheet opens and a queued report
 * when it succeeds, exactly like `kit.purchase()`. Orders the kit itself is paying are already stored and skipped.
 */
export declare function createPaymentHooks(d: HookDeps): PaymentHooks;
