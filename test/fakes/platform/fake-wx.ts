import { FakeMinigameHost } from './fake-minigame';
import type { FakeMinigameOptions, WxSubset } from './fake-minigame';

export type PaymentScript = 'paid' | 'hang' | { errCode: number; errMsg?: string };

/** The payment calls the fakes implement, typed by the platform typings. */
export type FakeWxApi = WxSubset &
  Pick<WechatMinigame.Wx, 'requestMidasPayment' | 'requestMidasPaymentGameItem' | 'checkIsSupportMidasPayment'> &
  Required<Pick<WechatMinigame.Wx, 'requestVirtualPayment'>>;

/**
 * WeChat payment on iOS: `allowed` (iOS >= 15, WeChat >= 8.0.68, base library >= 3.10.3, the game opted in),
 * `refused` (checkIsSupportMidasPayment says no) or `missing` (a base library before 3.10.3: no such call).
 */
export type IosPayment = 'allowed' | 'refused' | 'missing';

export interface FakeWxOptions extends FakeMinigameOptions {
  /** @default 'missing' (the IPHONE device's base library is 3.4.1) */
  iosPayment?: IosPayment;
}

/** Virtual payment 2.0 modes: goods (item direct purchase) and coins; either checks like an item purchase here. */
const VIRTUAL_PAYMENT_MODES = ['short_series_goods', 'short_series_coin'];

const OUT_TRADE_NO = /^[0-9A-Za-z\-|*][0-9A-Za-z_\-|*]{0,31}$/;

/**
 * A fake `wx`: each `requestMidasPayment` follows the next entry of `payments` (default paid), checks its options
 * the way WeChat documents them (mode, offerId, buyQuantity, outTradeNo format and single use), and records what
 * storage held when the sheet opened.
 */
export class FakeWx extends FakeMinigameHost {
  payments: PaymentScript[] = [];
  /** Each sheet opened: its options and a copy of storage at that moment (off in benchmarks). */
  readonly paymentCalls: Array<{ options: Record<string, unknown>; storageAtOpen: Map<string, unknown> }> = [];
  snapshotStorage = true;
  private usedTradeNos = new Set<string>();
  private hanging: Array<() => void> = [];
  declare readonly api: FakeWxApi;

  readonly iosPayment: IosPayment;

  constructor(opts: FakeWxOptions = {}) {
    super(opts);
    this.iosPayment = opts.iosPayment ?? 'missing';
    const host = this;
    const payments: Omit<FakeWxApi, keyof WxSubset> = {
      requestMidasPayment(option: WechatMinigame.RequestMidasPaymentOption) {
        if (option.success || option.fail || option.complete) {
          host.pay('requestMidasPayment', option, option);
          return undefined as never;
        }
        // Promise style, as the typings allow when no callback is given.
        return new Promise((resolve, reject) =>
          host.pay('requestMidasPayment', option, { success: resolve, fail: reject as never }),
        ) as never;
      },
      requestMidasPaymentGameItem(
        option: WechatMinigame.SignedMidasPaymentGameItemOption | WechatMinigame.RequestMidasPaymentGameItemOption,
      ) {
        // WeChat wants the exact string that was signed: an object (what the typings declare) fails with -15011.
        if (typeof option.signData !== 'string') {
          host.paymentCalls.push({ options: { ...option }, storageAtOpen: new Map() });
          return host.settle(option, false, { errCode: -15011, errMsg: 'requestMidasPaymentGameItem:fail data type error' });
        }
        host.pay('requestMidasPaymentGameItem', { buyQuantity: 1, ...(JSON.parse(option.signData) as object) }, option);
      },
      checkIsSupportMidasPayment(option: WechatMinigame.CheckIsSupportMidasPaymentOption) {
        // Android, Windows and OHOS always can; iOS as configured.
        const allow = host.device.platform !== 'ios' || host.iosPayment === 'allowed';
        host.settle(option, true, { data: { allow_pay: allow, err_code: 0, err_msg: 'success' }, errMsg: 'checkIsSupportMidasPayment:ok' });
      },
      requestVirtualPayment(option: WechatMinigame.RequestVirtualPaymentOption) {
        const signData = JSON.parse(option.signData) as object;
        const mode = VIRTUAL_PAYMENT_MODES.includes(option.mode) ? 'goods' : option.mode;
        host.pay('requestVirtualPayment', { buyQuantity: 1, ...signData, mode }, option);
      },
    };
    Object.assign(this.api, payments);
    if (this.iosPayment === 'missing') delete (this.api as Partial<FakeWxApi>).checkIsSupportMidasPayment;
  }

  /** Checks the options as WeChat documents them, then follows the script. */
  pay(method: string, fields: object, o: { success?: (r: never) => void; fail?: (r: never) => void; complete?: (r: never) => void }): void {
    const f = fields as Record<string, unknown>;
    this.paymentCalls.push({ options: { ...o }, storageAtOpen: this.snapshotStorage ? new Map(this.storage.data) : new Map() });
    const fail = (errCode: number, msg: string) =>
      this.settle(o as never, false, { errCode, errno: errCode, errMsg: `${method}:fail ${msg}` });
    const tradeNo = String(f.outTradeNo ?? '');
    // On iOS only item purchases pay (coins too, as mode "coins"), and only where WeChat allows it.
    if (this.device.platform === 'ios' && (this.iosPayment !== 'allowed' || method === 'requestMidasPayment')) {
      return fail(701001, 'ios not supported');
    }
    const modes = method === 'requestMidasPayment' ? ['game'] : ['goods', 'coins'];
    if (!modes.includes(String(f.mode)) || !f.offerId || !(Number(f.buyQuantity) > 0)) return fail(-15002, 'invalid params');
    if (!OUT_TRADE_NO.test(tradeNo)) return fail(-15002, 'invalid outTradeNo');
    if (this.usedTradeNos.has(tradeNo)) return fail(-15003, 'order duplicated');
    const succeed = () => {
      this.usedTradeNos.add(tradeNo);
      this.settle(o as never, true, { errMsg: `${method}:ok` });
    };
    const next = this.payments.shift() ?? 'paid';
    if (next === 'hang') this.hanging.push(succeed);
    else if (next === 'paid') succeed();
    else fail(next.errCode, next.errMsg || 'failed');
  }

  /** Completes the oldest payment scripted as `hang` (the player finally paid). */
  releaseHangingPayment(): void {
    this.hanging.shift()?.();
  }
}
