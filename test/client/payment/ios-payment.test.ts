import { createTestKit, startRelay, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import { ANDROID, IPHONE } from '../../fakes/platform/fake-minigame';
import type { IosPayment } from '../../fakes/platform/fake-wx';

/**
 * WeChat pays on iOS when `wx.checkIsSupportMidasPayment` says so (iOS >= 15, WeChat >= 8.0.68, base library >=
 * 3.10.3); without that call iOS cannot pay. Android and devtools never ask.
 */
let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.orders = 'item';
  relay.ordersScript = [];
});

const IPHONE_NEW = { ...IPHONE, system: 'iOS 17.1.2', SDKVersion: '3.10.3' };
const orderKeys = (data: Map<string, unknown>) => Array.from(data.keys()).filter((k) => k.startsWith('mp:v1:o:'));

function iosKit(iosPayment: IosPayment) {
  return createTestKit(relay, { fake: { device: IPHONE_NEW, iosPayment } });
}

describe('WeChat payment on iOS', () => {
  it('pays when checkIsSupportMidasPayment allows it', async () => {
    const [kit, { wx }] = iosKit('allowed');
    const result = await kit.purchase(PACK);
    expect(result.status).toBe('paid');
    expect(wx.paymentCalls).toHaveLength(1);
    expect(kit.cannotPayReason()).toBeUndefined();
    kit.close();
  });

  it.each(['refused', 'missing'] as IosPayment[])(
    'refuses before any order, sheet or storage write when the check is %s',
    async (iosPayment) => {
      const [kit, { wx }] = iosKit(iosPayment);
      const before = relay.posts('/v1/orders');
      const result = await kit.purchase(PACK);
      expect(result).toMatchObject({ status: 'failed', error: { name: 'PlatformCannotPayError', code: 'PLATFORM_CANNOT_PAY' } });
      expect(result.error!.message).toMatch(/iOS/);
      expect(relay.posts('/v1/orders')).toBe(before);
      expect(wx.paymentCalls).toHaveLength(0);
      expect(orderKeys(wx.storage.data)).toEqual([]);
      // The store's synchronous answer follows: greyed out from now on.
      expect(kit.cannotPayReason()).toMatch(/iOS/);
      kit.close();
    },
  );

  it('says so synchronously at once when the base library has no check', () => {
    const [kit] = iosKit('missing');
    expect(kit.cannotPayReason()).toMatch(/iOS/);
    kit.close();
  });

  it('maps 701001 (WeChat refused iOS at the sheet) to PLATFORM_CANNOT_PAY and keeps nothing', async () => {
    const [kit, { wx }] = iosKit('allowed');
    wx.payments = [{ errCode: 701001, errMsg: 'ios not supported' }];
    const result = await kit.purchase(PACK);
    expect(result.error).toMatchObject({ code: 'PLATFORM_CANNOT_PAY', errCode: 701001 });
    expect(orderKeys(wx.storage.data)).toEqual([]);
    kit.close();
  });
});

describe('Android and devtools', () => {
  it.each([ANDROID, { ...ANDROID, platform: 'devtools' as const }])('never ask ($platform)', async (device) => {
    const [kit, { wx }] = createTestKit(relay, { fake: { device, iosPayment: 'refused' } });
    const ask = jest.spyOn(wx.api, 'checkIsSupportMidasPayment');
    expect((await kit.purchase(PACK)).status).toBe('paid');
    expect(ask).not.toHaveBeenCalled();
    kit.close();
  });
});
