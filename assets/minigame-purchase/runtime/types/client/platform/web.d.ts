import type { Clock, PaymentRequest, Platform, PlatformStorage } from './platform';
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
export declare const SANDBOX_NOTICE = "[SANDBOX] minigame-purchase web payment: no real money is charged";
export declare function createWebPlatform(opts?: WebPlatformOptions): Platform;
