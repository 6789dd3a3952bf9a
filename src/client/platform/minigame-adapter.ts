/// <reference path="../../../typings/minigame-shared.d.ts" />
import type {
  Clock,
  HookablePlatform,
  HookedPayment,
  HttpRequest,
  HttpResponse,
  PaymentHooks,
  PaymentOutcome,
  PlatformName,
  PlatformPayment,
  PlatformStorage,
} from './platform';
import { collectDeviceFacts } from '../device/device-facts';
import type { CollectedFacts } from '../device/device-facts';
import { StorageFullError } from '../errors';
import { createOrderId } from '../order-id';
import { attempt, errorText } from '../best-effort';

/**
 * What wx, qq and tt share (QQ and Douyin copied WeChat's API), typed by WeChat's typings. The adapters pass their
 * global in; this file never names one.
 */
export type MinigameApi = MinigameShared.Api;

/** One payment call of a platform that autoHook wraps. */
export interface PaymentCallSpec {
  method: string;
  /** Reads (and, for a missing order id, completes) the call's options; undefined when it cannot be reported. */
  describe(options: Record<string, unknown>, newOrderId: () => string): HookedPayment | undefined;
}

export interface MinigameAdapterSpec {
  name: PlatformName;
  api: MinigameApi;
  payment(facts: () => CollectedFacts): PlatformPayment;
  hookable: PaymentCallSpec[];
  clock?: Clock;
}

type Callback = (res: { errCode?: number; errMsg?: string }) => unknown;

export function createMinigamePlatform(spec: MinigameAdapterSpec): HookablePlatform {
  const { api } = spec;
  const clock = spec.clock || defaultClock();
  let facts: CollectedFacts | undefined;
  const getFacts = () => (facts ||= collectDeviceFacts(api));
  let netType: string | undefined;
  let connected = true;
  let scene: string | undefined;
  const showListeners: Array<() => void> = [];
  const returnListeners: Array<() => void> = [];

  guard(() =>
    api.getNetworkType({
      success(r) {
        netType = r.networkType;
        connected = r.networkType !== 'none';
      },
    }),
  );
  guard(() =>
    api.onNetworkStatusChange((r) => {
      const back = !connected && r.isConnected;
      connected = r.isConnected;
      netType = r.networkType;
      if (back) fire(returnListeners);
    }),
  );
  guard(() => {
    const s = api.getLaunchOptionsSync().scene;
    if (s !== undefined) scene = String(s);
  });
  guard(() =>
    api.onShow((r) => {
      if (r && r.scene !== undefined) scene = String(r.scene);
      fire(showListeners);
    }),
  );

  const storage: PlatformStorage = {
    get(key) {
      const v: unknown = api.getStorageSync(key);
      return typeof v === 'string' && v !== '' ? v : undefined;
    },
    set(key, value) {
      try {
        api.setStorageSync(key, value);
      } catch (e) {
        throw new StorageFullError(`setStorageSync failed: ${errorText(e)}`);
      }
    },
    remove(key) {
      api.removeStorageSync(key);
    },
    // Throws on a host without the call: the order store's sweep is best effort.
    keys: () => api.getStorageInfoSync!().keys,
  };

  return {
    name: spec.name,
    storage,
    clock,
    payment: spec.payment(getFacts),
    request: (req) => request(api, req),
    login: () =>
      new Promise<string>((resolve, reject) =>
        api.login({ success: (r) => resolve(r.code), fail: (e) => reject(new Error(e.errMsg)) }),
      ),
    deviceFacts: () => getFacts().facts,
    networkType: () => netType,
    scene: () => scene,
    onShow: (fn) => listen(showListeners, fn),
    onNetworkReturn: (fn) => listen(returnListeners, fn),
    hookPayments(hooks) {
      const undo = spec.hookable.map((c) => wrapPaymentCall(api as unknown as Record<string, unknown>, c, hooks, clock));
      return () => undo.forEach((u) => u());
    },
  };
}

function request(api: MinigameApi, req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    api.request({
      url: req.url,
      method: req.method,
      data: req.body as MinigameShared.RequestData | undefined,
      header: { 'content-type': 'application/json', ...req.headers },
      timeout: req.timeoutMs,
      dataType: 'json',
      success: (r) => resolve({ status: r.statusCode, body: r.data }),
      fail: (e) => reject(new Error(e.errMsg)),
    });
  });
}

/**
 * Wraps `api[method]` so a payment the game starts itself is recorded, with the game's options, callbacks and
 * return value untouched: the hooks run first (guarded), then the game's own callbacks with their own `this`.
 */
function wrapPaymentCall(
  api: Record<string, unknown>,
  call: PaymentCallSpec,
  hooks: PaymentHooks,
  clock: Clock,
): () => void {
  const original = api[call.method] as ((...args: unknown[]) => unknown) | undefined;
  if (typeof original !== 'function') return () => undefined;
  const newId = () => hookOrderId(clock);
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const options = args[0] as Record<string, unknown> | undefined;
    const opts = options && typeof options === 'object' ? { ...options } : undefined;
    const info = opts ? guard(() => call.describe(opts, newId)) : undefined;
    if (!opts || !info) return original.apply(this, args);
    guard(() => hooks.willPay(info));
    const done = (o: PaymentOutcome) => guard(() => hooks.didPay(info.orderId, o));
    const success = opts.success as Callback | undefined;
    const fail = opts.fail as Callback | undefined;
    if (!success && !fail && !opts.complete) {
      // Promise style: the game gets the very promise the platform returned.
      const ret = original.call(this, opts);
      if (ret && typeof (ret as Promise<unknown>).then === 'function') {
        (ret as Promise<unknown>).then(
          () => done({ status: 'paid' }),
          (e: { errCode?: number; errMsg?: string }) => done(failure(e)),
        );
      }
      return ret;
    }
    opts.success = function (this: unknown, res: { errMsg?: string }) {
      done({ status: 'paid' });
      return success?.call(this, res);
    };
    opts.fail = function (this: unknown, res: { errCode?: number; errMsg?: string }) {
      done(failure(res));
      return fail?.call(this, res);
    };
    return original.call(this, opts);
  };
  api[call.method] = wrapped;
  return () => {
    if (api[call.method] === wrapped) api[call.method] = original;
  };
}

/** A fail result as an outcome; the kit decides cancel vs failure from `errCode` with the platform's table. */
export function failure(e: { errCode?: number; errMsg?: string } | undefined): PaymentOutcome {
  return { status: 'failed', errCode: typeof e?.errCode === 'number' ? e.errCode : undefined, errMsg: e?.errMsg };
}

function hookOrderId(clock: Clock): string {
  return createOrderId(clock.now(), clock.random);
}

function listen(list: Array<() => void>, fn: () => void): () => void {
  list.push(fn);
  return () => {
    const i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
  };
}

function fire(list: Array<() => void>): void {
  for (const fn of list.slice()) guard(fn);
}

const guard = attempt;


/** Timers and randomness of the host; crypto.getRandomValues when the runtime has it. */
export function defaultClock(): Clock {
  const g = (typeof globalThis !== 'undefined' ? globalThis : {}) as {
    crypto?: { getRandomValues?(a: Uint32Array): Uint32Array };
  };
  const buf = new Uint32Array(1);
  const random =
    g.crypto && typeof g.crypto.getRandomValues === 'function'
      ? () => (g.crypto!.getRandomValues!(buf), buf[0] / 4294967296)
      : Math.random;
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    random,
  };
}
