/// <reference path="../../../typings/qq.d.ts" />
/// <reference path="../../../typings/tt.d.ts" />
import { FakeMinigameHost } from './fake-minigame';
import type { FakeMinigameOptions, WxSubset } from './fake-minigame';
import type { PaymentScript } from './fake-wx';

/** A fake `qq`: WeChat's shared calls plus `qq.requestMidasPayment` (typed by typings/qq.d.ts). */
export class FakeQq extends FakeMinigameHost {
  payments: PaymentScript[] = [];
  readonly paymentCalls: (QQMinigame.RequestMidasPaymentOption | QQMinigame.RequestMidasPaymentPrepayOption)[] = [];
  declare readonly api: WxSubset & QQMinigame.Qq;

  constructor(opts: FakeMinigameOptions = {}) {
    super(opts);
    const host = this;
    const pay: Pick<QQMinigame.Qq, 'requestMidasPayment'> = {
      requestMidasPayment(option) {
        host.paymentCalls.push(option);
        const next = host.payments.shift() ?? 'paid';
        if (next === 'paid') host.settle(option, true, { errMsg: 'requestMidasPayment:ok' });
        else if (next !== 'hang') host.settle(option, false, { errCode: next.errCode, errMsg: 'requestMidasPayment:fail' });
      },
    };
    Object.assign(this.api, pay);
  }
}

/** A fake `tt` (Douyin): `tt.requestGamePayment` requires a unique `customId`, as its page says. */
export class FakeTt extends FakeMinigameHost {
  payments: PaymentScript[] = [];
  readonly paymentCalls: TTMinigame.RequestGamePaymentOption[] = [];
  declare readonly api: WxSubset & TTMinigame.Tt;

  constructor(opts: FakeMinigameOptions = {}) {
    super(opts);
    const host = this;
    const used = new Set<string>();
    const pay: Pick<TTMinigame.Tt, 'requestGamePayment'> = {
      requestGamePayment(option) {
        host.paymentCalls.push(option);
        if (!option.customId || used.has(option.customId)) {
          return host.settle(option, false, { errCode: -15002, errMsg: 'requestGamePayment:fail customId' });
        }
        const next = host.payments.shift() ?? 'paid';
        if (next === 'paid') {
          used.add(option.customId);
          host.settle(option, true, { errMsg: 'requestGamePayment:ok' });
        } else if (next !== 'hang') host.settle(option, false, { errCode: next.errCode, errMsg: 'requestGamePayment:fail' });
      },
    };
    Object.assign(this.api, pay);
  }
}
