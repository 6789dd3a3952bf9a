import type { Clock, PaymentOutcome, PaymentRequest, Platform, PlatformStorage } from './platform';
import type { DeviceFacts } from '../../shared/schemas/purchase-report';
import { defaultClock } from './minigame-adapter';
import { StorageFullError } from '../errors';
import { errorText } from '../best-effort';
import { STORAGE_PREFIX } from '../storage-keys';

/**
 * The browser preview and the demo page. Payment is a SANDBOX: no money moves, and it says so on screen (the
 * confirm dialog) and in the console. Browser globals are looked up when the adapter is built, so importing this
 * file in a mini-game or in Node costs nothing.
 */
export interface WebPlatformOptions {
  /**
   * Decides a sandbox payment. @default `confirm("[SANDBOX] ...")` where the page has one, otherwise paid
   */
  sandboxDecision?: (req: PaymentRequest) => Promise<'paid' | 'cancelled'> | 'paid' | 'cancelled';
  /** @default `localStorage` when present, else memory */
  storage?: PlatformStorage;
  /** @default the page's timers and `crypto.getRandomValues` */
  clock?: Clock;
}

type WebGlobals = {
  localStorage?: {
    getItem(k: string): string | null;
    setItem(k: string, v: string): void;
    removeItem(k: string): void;
    readonly length: number;
    key(i: number): string | null;
  };
  fetch?: (url: string, init: unknown) => Promise<{ status: number; headers: { get(k: string): string | null }; text(): Promise<string> }>;
  AbortController?: new () => { signal: unknown; abort(): void };
  navigator?: { userAgent?: string; language?: string; onLine?: boolean };
  confirm?: (msg: string) => boolean;
  addEventListener?: (ev: string, fn: () => void) => void;
  removeEventListener?: (ev: string, fn: () => void) => void;
  document?: { visibilityState?: string; addEventListener?(ev: string, fn: () => void): void; removeEventListener?(ev: string, fn: () => void): void };
  console?: { warn(...a: unknown[]): void };
};

export const SANDBOX_NOTICE = '[SANDBOX] minigame-purchase web payment: no real money is charged';

export function createWebPlatform(opts: WebPlatformOptions = {}): Platform {
  const g = (typeof globalThis !== 'undefined' ? globalThis : {}) as WebGlobals;
  const clock = opts.clock || defaultClock();
  const storage = opts.storage || webStorage(g);
  const nav = g.navigator || {};
  const on = (target: { addEventListener?(e: string, f: () => void): void; removeEventListener?(e: string, f: () => void): void } | undefined, ev: string, fn: () => void) => {
    if (target && target.addEventListener) target.addEventListener(ev, fn);
    return () => {
      if (target && target.removeEventListener) target.removeEventListener(ev, fn);
    };
  };
  return {
    name: 'web',
    storage,
    clock,
    async request(req) {
      if (!g.fetch) throw new Error('fetch is not available');
      const ctl = g.AbortController ? new g.AbortController() : undefined;
      const t = ctl && req.timeoutMs ? clock.setTimeout(() => ctl.abort(), req.timeoutMs) : undefined;
      try {
        const res = await g.fetch(req.url, {
          method: req.method,
          headers: { 'content-type': 'application/json', ...req.headers },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: ctl && ctl.signal,
        });
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        return { status: res.status, body };
      } finally {
        if (t !== undefined) clock.clearTimeout(t);
      }
    },
    async login() {
      return 'sandbox-' + Math.floor(clock.random() * 1e12).toString(36);
    },
    payment: {
      cannotPayReason: () => undefined,
      async pay(req): Promise<PaymentOutcome> {
        if (g.console) g.console.warn(SANDBOX_NOTICE, req);
        const decide =
          opts.sandboxDecision ||
          (() =>
            !g.confirm ||
            g.confirm(`${SANDBOX_NOTICE}.\nPay ${req.amount / 100} ${req.currency} for ${req.name ?? req.productId}?`)
              ? 'paid'
              : 'cancelled');
        return (await decide(req)) === 'paid' ? { status: 'paid' } : { status: 'cancelled', errMsg: 'sandbox cancel' };
      },
    },
    deviceFacts: () => browserFacts(nav),
    networkType: () => (nav.onLine === false ? 'none' : 'unknown'),
    scene: () => 'web',
    onShow: (fn) => on(g.document, 'visibilitychange', () => g.document!.visibilityState === 'visible' && fn()),
    onNetworkReturn: (fn) => on(g, 'online', fn),
  };
}

function browserFacts(nav: NonNullable<WebGlobals['navigator']>): DeviceFacts {
  const ua = nav.userAgent || '';
  const type = /iPhone|iPad|iPod/.test(ua) ? 2 : /Android/.test(ua) ? 3 : 1;
  const facts: DeviceFacts = { type, os: type === 2 ? 'ios' : type === 3 ? 'android' : 'web' };
  if (nav.language) facts.language = nav.language.slice(0, 32);
  return facts;
}

function webStorage(g: WebGlobals): PlatformStorage {
  const ls = g.localStorage;
  const mem = new Map<string, string>();
  return {
    get: (k) => (ls ? ls.getItem(k) || undefined : mem.get(k)),
    set(k, v) {
      if (!ls) return void mem.set(k, v);
      try {
        ls.setItem(k, v);
      } catch (e) {
        throw new StorageFullError(`localStorage.setItem failed: ${errorText(e)}`);
      }
    },
    remove: (k) => (ls ? ls.removeItem(k) : void mem.delete(k)),
    // The page's other keys are none of ours.
    keys: () =>
      ls
        ? Array.from({ length: ls.length }, (_, i) => ls.key(i) || '').filter((k) => k.startsWith(STORAGE_PREFIX))
        : Array.from(mem.keys()),
  };
}
