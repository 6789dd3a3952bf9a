import { createPurchaseKit } from '../../../src/client/create-purchase-kit';
import { createWebPlatform, SANDBOX_NOTICE } from '../../../src/client/platform/web';
import { FakeClock } from '../../fakes/platform/fake-clock';
import { startRelay, until, PACK, APP_ID } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

describe('web platform (sandbox)', () => {
  it('builds in Node without browser globals', () => {
    const p = createWebPlatform({ clock: new FakeClock() });
    expect(p.name).toBe('web');
    expect(p.deviceFacts().type).toBe(1);
    expect(p.payment.cannotPayReason()).toBeUndefined();
  });

  it('says the payment is a sandbox and reports it through fetch to the relay', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const kit = createPurchaseKit({ relayUrl: relay.url, appId: APP_ID, platform: createWebPlatform({ clock: new FakeClock() }) });
      const r = await kit.purchase(PACK);
      expect(r.status).toBe('paid');
      expect(warn.mock.calls[0][0]).toBe(SANDBOX_NOTICE);
      expect(SANDBOX_NOTICE).toMatch(/SANDBOX/);
      await until(() => relay.accepted.has(r.orderId));
      expect(relay.accepted.get(r.orderId)).toMatchObject({ scene: 'web', payType: 2 });
      kit.close();
    } finally {
      warn.mockRestore();
    }
  });

  it('pays a ¥9.99 product through the ORDERS_NOT_ENABLED fallback (the sandbox charges the amount, not coins)', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      relay.orders = 'not-enabled';
      const kit = createPurchaseKit({ relayUrl: relay.url, appId: APP_ID, platform: createWebPlatform({ clock: new FakeClock() }) });
      const r = await kit.purchase({ ...PACK, price: 999 });
      expect(r.status).toBe('paid');
      expect(warn.mock.calls[0][1]).toMatchObject({ orderId: r.orderId, amount: 999, currency: 'CNY' });
      await until(() => relay.accepted.has(r.orderId));
      expect(relay.accepted.get(r.orderId)).toMatchObject({ amount: 999 });
      kit.close();
    } finally {
      warn.mockRestore();
    }
  });

  it('lets the sandbox cancel', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const kit = createPurchaseKit({
        relayUrl: relay.url,
        appId: APP_ID,
        platform: createWebPlatform({ clock: new FakeClock(), sandboxDecision: () => 'cancelled' }),
      });
      expect((await kit.purchase(PACK)).status).toBe('cancelled');
      kit.close();
    } finally {
      warn.mockRestore();
    }
  });
});
