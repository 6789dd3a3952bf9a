/// <reference path="../../../typings/minigame-shared.d.ts" />
import * as http from 'http';
import { FakeStorageBackend } from './fake-storage';

/**
 * The parts of `wx` the client uses, typed by minigame-api-typings: if WeChat's API drifts, this fails to compile.
 * QQ and Douyin share these calls (typings/minigame-shared.d.ts); the fake implements every one, optional or not.
 */
export type WxSubset = Required<MinigameShared.Api>;

export interface FakeDevice {
  platform: 'ios' | 'android' | 'devtools' | 'windows' | 'mac' | 'ohos';
  brand: string;
  model: string;
  system: string;
  SDKVersion: string;
  language: string;
}

export const ANDROID: FakeDevice = {
  platform: 'android',
  brand: 'OPPO',
  model: 'OPPO A57',
  system: 'Android 10',
  SDKVersion: '3.3.4',
  language: 'zh_CN',
};
export const IPHONE: FakeDevice = {
  platform: 'ios',
  brand: 'iPhone',
  model: 'iPhone 13<iPhone14,5>',
  system: 'iOS 17.1.2',
  SDKVersion: '3.4.1',
  language: 'zh_CN',
};

export interface FakeMinigameOptions {
  /** Login codes are `<codePrefix>-<n>`, so several hosts of one test log in as different players. @default "code" */
  codePrefix?: string;
  storage?: FakeStorageBackend;
  device?: FakeDevice;
  /** Remove getDeviceInfo / getAppBaseInfo / getWindowInfo, as on base libraries before 2.20.1. @default false */
  legacyBaseLibrary?: boolean;
  /** These device APIs throw when called. @default [] */
  throwing?: Array<'getDeviceInfo' | 'getAppBaseInfo' | 'getWindowInfo' | 'getSystemInfoSync' | 'getLaunchOptionsSync'>;
  launchScene?: number;
  networkType?: 'wifi' | '4g' | 'none';
}

type Cb<T> = ((res: T) => void) | undefined;

/**
 * Shared machinery of the fake mini-game hosts: async callbacks in the platform's order (success or fail, then
 * complete, each on a later tick), real HTTP for `request`, and an app `kill()` after which nothing the old app
 * does reaches storage and no callback fires (the process is gone).
 */
export class FakeMinigameHost {
  readonly storage: FakeStorageBackend;
  dead = false;
  device: FakeDevice;
  network: { type: 'wifi' | '2g' | '3g' | '4g' | '5g' | 'unknown' | 'none'; connected: boolean };
  private showListeners: Array<(r: WechatMinigame.OnShowListenerResult) => void> = [];
  private netListeners: Array<(r: WechatMinigame.OnNetworkStatusChangeListenerResult) => void> = [];
  private codeSeq = 0;
  /** Every request the game made, with its outcome. */
  readonly requests: Array<{ url: string; method?: string; data: unknown; header?: Record<string, string> }> = [];
  private inflight = new Set<http.ClientRequest>();
  readonly api: WxSubset;

  constructor(private readonly opts: FakeMinigameOptions = {}) {
    this.storage = opts.storage || new FakeStorageBackend();
    this.device = opts.device || ANDROID;
    const type = opts.networkType || 'wifi';
    this.network = { type, connected: type !== 'none' };
    this.api = this.buildApi();
  }

  /** Calls a callback later, unless the app has been killed meanwhile. */
  later(fn: () => void): void {
    setImmediate(() => {
      if (!this.dead) fn();
    });
  }

  /** success (or fail) then complete, asynchronously. */
  settle<S, F>(o: { success?: Cb<S>; fail?: Cb<F>; complete?: Cb<S | F> } | undefined, ok: boolean, res: S | F): void {
    this.later(() => {
      if (ok) o?.success?.(res as S);
      else o?.fail?.(res as F);
      o?.complete?.(res);
    });
  }

  kill(): void {
    this.dead = true;
    for (const r of this.inflight) r.destroy();
    this.inflight.clear();
  }

  show(scene: number): void {
    for (const l of this.showListeners.slice()) l({ scene, query: {}, referrerInfo: { appId: '', extraData: {} } });
  }

  setNetwork(type: 'wifi' | '4g' | 'none'): void {
    this.network = { type, connected: type !== 'none' };
    for (const l of this.netListeners.slice()) l({ isConnected: this.network.connected, networkType: type });
  }

  private buildApi(): WxSubset {
    const host = this;
    const throwing = new Set(this.opts.throwing || []);
    const maybeThrow = (name: string) => {
      if (throwing.has(name as never)) throw new Error(`${name}:fail simulated`);
    };
    const api: WxSubset = {
      getStorageSync(key: string) {
        const v = host.storage.data.get(key);
        return (v === undefined ? '' : v) as never;
      },
      setStorageSync(key: string, data: unknown) {
        if (host.dead) return;
        host.storage.set(key, data);
      },
      removeStorageSync(key: string) {
        if (host.dead) return;
        host.storage.remove(key);
      },
      getStorageInfoSync() {
        const kb = (n: number) => Math.ceil(n / 1024);
        return { keys: Array.from(host.storage.data.keys()), currentSize: kb(host.storage.size()), limitSize: kb(host.storage.quotaBytes) };
      },
      request(option: WechatMinigame.RequestOption) {
        host.requests.push({ url: option.url, method: option.method, data: option.data, header: option.header });
        host.httpRequest(option);
        return { abort() {} } as unknown as WechatMinigame.RequestTask;
      },
      login(option?: WechatMinigame.LoginOption) {
        const code = `${host.opts.codePrefix ?? 'code'}-${++host.codeSeq}`;
        if (!host.network.connected) host.settle(option, false, { errMsg: 'login:fail network', errno: 600001 });
        else host.settle(option, true, { code, errMsg: 'login:ok' });
        return undefined as never;
      },
      getNetworkType(option?: WechatMinigame.GetNetworkTypeOption) {
        host.settle(option, true, {
          networkType: host.network.type,
          hasSystemProxy: false,
          signalStrength: 0,
          weakNet: false,
          errMsg: 'getNetworkType:ok',
        });
        return undefined as never;
      },
      onNetworkStatusChange(listener) {
        host.netListeners.push(listener);
      },
      onShow(listener) {
        host.showListeners.push(listener);
      },
      getLaunchOptionsSync() {
        maybeThrow('getLaunchOptionsSync');
        return { scene: host.opts.launchScene ?? 1001, query: {} } as unknown as WechatMinigame.LaunchOptionsGame;
      },
      getDeviceInfo() {
        maybeThrow('getDeviceInfo');
        const d = host.device;
        return { platform: d.platform, brand: d.brand, model: d.model, system: d.system } as WechatMinigame.DeviceInfo;
      },
      getAppBaseInfo() {
        maybeThrow('getAppBaseInfo');
        return { SDKVersion: host.device.SDKVersion, language: host.device.language } as WechatMinigame.AppBaseInfo;
      },
      getWindowInfo() {
        maybeThrow('getWindowInfo');
        return { pixelRatio: 3, screenWidth: 390, screenHeight: 844 } as WechatMinigame.WindowInfo;
      },
      getSystemInfoSync() {
        maybeThrow('getSystemInfoSync');
        const d = host.device;
        return { ...d } as unknown as WechatMinigame.SystemInfo;
      },
    };
    if (this.opts.legacyBaseLibrary) {
      const partial = api as Partial<WxSubset>;
      delete partial.getDeviceInfo;
      delete partial.getAppBaseInfo;
      delete partial.getWindowInfo;
    }
    return api;
  }

  /** `wx.request` over real HTTP: statusCode + parsed JSON body, `fail` on a network error or timeout. */
  private requestFailed(option: WechatMinigame.RequestOption, why: string): void {
    const err: WechatMinigame.RequestFailCallbackErr = {
      errMsg: `request:fail ${why}`,
      errno: 600001,
      exception: { reasons: [], retryCount: 0 },
      useHttpDNS: false,
    };
    this.settle(option, false, err);
  }

  private httpRequest(option: WechatMinigame.RequestOption): void {
    if (!this.network.connected) return this.requestFailed(option, 'net::ERR_INTERNET_DISCONNECTED');
    const body = option.data === undefined ? undefined : JSON.stringify(option.data);
    const req = http.request(option.url, {
      method: option.method || 'GET',
      headers: { ...(option.header || {}), ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
      timeout: option.timeout || 60000,
    });
    this.inflight.add(req);
    const done = () => this.inflight.delete(req);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      done();
      this.requestFailed(option, e.message);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => {
        done();
        this.requestFailed(option, e.message);
      });
      res.on('end', () => {
        done();
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // WeChat hands non-JSON bodies over as text
        }
        this.settle(option, true, { statusCode: res.statusCode, data, header: res.headers, errMsg: 'request:ok' } as never);
      });
    });
    req.end(body);
  }
}
