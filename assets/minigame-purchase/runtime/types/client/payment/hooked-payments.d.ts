import type { PaymentHooks } from '../platform/platform';
import { type PurchaseDeps } from './purchase-flow';
/** What a hooked payment needs: the same as `kit.purchase()`. */
export type HookDeps = PurchaseDeps;
/**
 * autoHook: a payment the game starts itself becomes a pending order before the sheet opens and a queued report
 * when it succeeds, exactly like `kit.purchase()`. Orders the kit itself is paying are already stored and skipped.
 */
export declare function createPaymentHooks(deps: HookDeps): PaymentHooks;
