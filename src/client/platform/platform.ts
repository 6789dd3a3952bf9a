import type { DeviceFacts } from '../../shared/schemas/purchase-report';
import type { OrderPayment } from '../../shared/schemas/order-api';

/**
 * Everything the client core needs from its host, as one value. `wx.ts`, `qq.ts`, `tt.ts` and `web.ts` build it;
 * tests build a fake. The core never names a platform global.
 */
export interface Platform {
  /** `'wx' | 'qq' | 'tt' | 'web'`: which adapter this is. */
  readonly name: PlatformName;
  readonly storage: PlatformStorage;
  /** One HTTP request; resolves for every HTTP status, rejects only on a network-level failure or timeout. */
  request(req: HttpRequest): Promise<HttpResponse>;
  /** `wx.login` and friends: a one-time code for `POST /v1/session`. Sandbox platforms return a fake code. */
  login(): Promise<string>;
  readonly payment: PlatformPayment;
  /** Device facts; must never throw (fall back to `{type: 1}`). */
  deviceFacts(): DeviceFacts;
  /** Current network type (`wifi`, `4g`, `none`, ...), kept current by the adapter. */
  networkType(): string | undefined;
  /** The scene of the launch, then of each `onShow`. */
  scene(): string | undefined;
  onShow(listener: () => void): () => void;
  /** Called when connectivity comes back (`isConnected` true after false). */
  onNetworkReturn(listener: () => void): () => void;
  readonly clock: Clock;
}

export type PlatformName = 'wx' | 'qq' | 'tt' | 'web';

/** Synchronous key-value storage (`wx.setStorageSync` semantics). `set` throws `StorageFullError` when full. */
export interface PlatformStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
  /**
   * The stored keys (at least those starting with `mp:v1:`), so the kit can sweep order keys its index does not list.
   * @default none: no sweep
   */
  keys?(): string[];
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON when the body was JSON, otherwise the text. */
  body: unknown;
}

/** What one payment sheet is asked to charge. Adapter-specific fields come from `PurchaseKitOptions.payment`. */
export interface PaymentRequest {
  orderId: string;
  productId: string;
  /** What the player buys, as the store names it (`500 diamonds`), for a sheet that shows it. @default none */
  name?: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** Game currency units bought (`buyQuantity` of `requestMidasPayment`); payments that charge coins only. */
  quantity: number;
  /**
   * The payment the relay signed for this order (`POST /v1/orders`): the adapter passes exactly these values to the
   * platform call it names (`signData` stays the string that was signed) instead of building its own from the
   * fields above. Absent when the relay makes no orders for this game.
   */
  relayPayment?: OrderPayment;
  /**
   * Additive: adapters call it synchronously inside the platform's success callback, so the paid order is made
   * durable in the same task as the success, before any promise hop. Optional for adapters and callers.
   */
  onPaid?: () => void;
}

export type PaymentOutcome =
  | { status: 'paid' }
  | { status: 'cancelled'; errCode?: number; errMsg?: string }
  | { status: 'failed'; errCode?: number; errMsg?: string };

export interface PlatformPayment {
  /**
   * Charges game coins (`buyQuantity`), not `amount`: without a relay order, a price that is not a whole number of
   * coins cannot be paid (rounding would charge another price). @default false
   */
  readonly coins?: boolean;
  /**
   * `undefined` when this device can pay, as far as is known now; otherwise why not. Synchronous, for the store's
   * view model: where the platform has to be asked (WeChat on iOS) it is the last answer, `undefined` before the first.
   */
  cannotPayReason(): string | undefined;
  /**
   * Asks the platform now (WeChat on iOS: `wx.checkIsSupportMidasPayment`); `purchase()` awaits it before any order
   * or sheet. @default `cannotPayReason()`
   */
  checkPayable?(): Promise<string | undefined>;
  pay(req: PaymentRequest): Promise<PaymentOutcome>;
}

/** A payment the game started itself, seen by an adapter's hook (`autoHook`). */
export interface HookedPayment {
  /** The call's order id (`outTradeNo` / `customId`); the adapter adds one when the game passed none. */
  orderId: string;
  /** Game currency units (`buyQuantity`). */
  quantity: number;
  /** The platform's currency (`currencyType`). */
  currency: string;
  /** When the call names the item (item direct purchase `productId`). */
  productId?: string;
  /** Minor units, when the call states a price (item direct purchase `goodsPrice` × `buyQuantity`). */
  amount?: number;
}

export interface PaymentHooks {
  /** Called before the payment sheet opens. Must not throw (the adapter guards it anyway). */
  willPay(p: HookedPayment): void;
  /** Called once the platform answered, before the game's own callbacks run. */
  didPay(orderId: string, outcome: PaymentOutcome): void;
}

/**
 * Additive to `Platform`: adapters that can wrap the platform's own payment calls implement it. Returns an
 * undo function that restores the original calls.
 */
export interface HookablePlatform extends Platform {
  hookPayments(hooks: PaymentHooks): () => void;
}
