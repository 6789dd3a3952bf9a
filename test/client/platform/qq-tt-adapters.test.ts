import { createPurchaseKit } from '../../../src/client/create-purchase-kit';
import { createQqPlatform } from '../../../src/client/platform/qq';
import { createTtPlatform } from '../../../src/client/platform/tt';
import { FakeQq, FakeTt } from '../../fakes/platform/fake-qq-tt';
import { FakeClock } from '../../fakes/platform/fake-clock';
import { IPHONE } from '../../fakes/platform/fake-minigame';
import { startRelay, until, PACK, APP_ID } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

describe('qq adapter', () => {
  it('pays with qq.requestMidasPayment and reports the order', async () => {
    const qq = new FakeQq();
    const kit = createPurchaseKit({ relayUrl: relay.url, appId: APP_ID, platform: createQqPlatform({ api: qq.api, payment: { offerId: 'o1' }, clock: new FakeClock() }) });
    const r = await kit.purchase(PACK);
    expect(r.status).toBe('paid');
    expect(qq.paymentCalls[0]).toMatchObject({ mode: 'game', offerId: 'o1', currencyType: 'CNY', buyQuantity: 60, outTradeNo: r.orderId });
    await until(() => relay.accepted.has(r.orderId));
    kit.close();
  });

  it('reads the Midas cancel code', async () => {
    const qq = new FakeQq();
    qq.payments = [{ errCode: 1 }];
    const kit = createPurchaseKit({ relayUrl: relay.url, appId: APP_ID, platform: createQqPlatform({ api: qq.api, clock: new FakeClock() }) });
    expect((await kit.purchase(PACK)).status).toBe('cancelled');
    kit.close();
  });
});

describe('tt adapter', () => {
  it('pays with tt.requestGamePayment, the order id as customId', async () => {
    const tt = new FakeTt();
    const kit = createPurchaseKit({ relayUrl: relay.url, appId: APP_ID, platform: createTtPlatform({ api: tt.api, clock: new FakeClock() }) });
    const r = await kit.purchase(PACK);
    expect(r.status).toBe('paid');
    expect(tt.paymentCalls[0]).toMatchObject({ mode: 'game', env: 0, currencyType: 'CNY', platform: 'android', buyQuantity: 60, customId: r.orderId });
    await until(() => relay.accepted.has(r.orderId));
    kit.close();
  });

  it("uses Douyin's table: -2 cancels, 4 is a network failure", async () => {
    const tt = new FakeTt();
    tt.payments = [{ errCode: -2 }, { errCode: 4 }];
    const kit = createPurchaseKit({ relayUrl: relay.url, appId: APP_ID, platform: createTtPlatform({ api: tt.api, clock: new FakeClock() }) });
    expect((await kit.purchase(PACK)).status).toBe('cancelled');
    const failed = await kit.purchase(PACK);
    expect(failed.error).toMatchObject({ code: 'NETWORK', errCode: 4 });
    kit.close();
  });

  it('cannot pay on iOS', () => {
    const tt = new FakeTt({ device: IPHONE });
    expect(createTtPlatform({ api: tt.api, clock: new FakeClock() }).payment.cannotPayReason()).toMatch(/iOS/);
  });

  it("autoHook reports a game's own tt.requestGamePayment", async () => {
    const tt = new FakeTt();
    const kit = createPurchaseKit({ relayUrl: relay.url, appId: APP_ID, autoHook: true, platform: createTtPlatform({ api: tt.api, clock: new FakeClock() }) });
    const seen: string[] = [];
    tt.api.requestGamePayment({
      mode: 'game', env: 0, currencyType: 'CNY', platform: 'android', buyQuantity: 30, customId: 'TTorder-1',
      success: () => seen.push('success'),
      complete: () => seen.push('complete'),
    });
    await until(() => relay.accepted.has('TTorder-1'));
    expect(seen).toEqual(['success', 'complete']);
    expect(relay.accepted.get('TTorder-1')!.amount).toBe(300);
    kit.close();
  });
});
