import { createTestKit, startRelay, until, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

describe('network type and scene', () => {
  it('keeps the network type current through onNetworkStatusChange, and reports it', async () => {
    const [kit, { wx, platform }] = createTestKit(relay, { fake: { networkType: '4g' } });
    await until(() => platform.networkType() === '4g');
    wx.setNetwork('wifi');
    expect(platform.networkType()).toBe('wifi');
    const r = await kit.purchase(PACK);
    await until(() => relay.accepted.has(r.orderId));
    expect(relay.accepted.get(r.orderId)!.netType).toBe('wifi');
    kit.close();
  });

  it('takes the scene from the launch options, then from each onShow', async () => {
    const [kit, { wx, platform }] = createTestKit(relay, { fake: { launchScene: 1047 } });
    expect(platform.scene()).toBe('1047');
    wx.show(1089);
    expect(platform.scene()).toBe('1089');
    const r = await kit.purchase(PACK);
    await until(() => relay.accepted.has(r.orderId));
    expect(relay.accepted.get(r.orderId)!.scene).toBe('1089');
    kit.close();
  });

  it('signals network return only when connectivity comes back', () => {
    const [kit, { wx, platform }] = createTestKit(relay);
    let returns = 0;
    platform.onNetworkReturn(() => returns++);
    wx.setNetwork('4g');
    expect(returns).toBe(0);
    wx.setNetwork('none');
    expect(platform.networkType()).toBe('none');
    wx.setNetwork('wifi');
    expect(returns).toBe(1);
    kit.close();
  });
});
