import { createPurchaseKit } from '../../src/client/create-purchase-kit';
import type { PurchaseKit } from '../../src/client/create-purchase-kit';
import type { PurchaseKitOptions } from '../../src/client/kit-options';
import { createWxPlatform } from '../../src/client/platform/wx';
import type { HookablePlatform } from '../../src/client/platform/platform';
import { FakeWx } from '../fakes/platform/fake-wx';
import type { FakeWxOptions } from '../fakes/platform/fake-wx';
import { FakeClock } from '../fakes/platform/fake-clock';
import { FakeRelay } from '../fakes/relay/fake-relay';

export const APP_ID = 'wx1234567891234567';
export const PACK = { productId: '500.picsh.cre', price: 600, currency: 'CNY', name: '500 diamonds' };

export interface TestFakes {
  wx: FakeWx;
  clock: FakeClock;
  platform: HookablePlatform;
}

/** A kit over a fake wx (real async callbacks, real HTTP to `relay`) and a manual clock: `[kit, fakes]`. */
export function createTestKit(
  relay: FakeRelay,
  opts: { fake?: FakeWxOptions; kit?: Partial<PurchaseKitOptions>; clock?: FakeClock; wx?: FakeWx } = {},
): [PurchaseKit, TestFakes] {
  const wx = opts.wx || new FakeWx(opts.fake);
  const clock = opts.clock || new FakeClock();
  const payment = { offerId: '1450000000', env: 1 as const, ...opts.kit?.payment };
  const platform = createWxPlatform({ api: wx.api, payment, clock });
  const kit = createPurchaseKit({ relayUrl: relay.url, appId: APP_ID, platform, ...opts.kit, payment });
  return [kit, { wx, clock, platform }];
}

/** Waits (real time: HTTP is real) until `cond` holds; fails the test after `ms`. */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function startRelay(): Promise<FakeRelay> {
  return new FakeRelay().start();
}
