import { createWxPlatform } from '../../../src/client/platform/wx';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { IPHONE, ANDROID } from '../../fakes/platform/fake-minigame';
import { FakeClock } from '../../fakes/platform/fake-clock';

function countCalls(wx: FakeWx, name: 'getSystemInfoSync' | 'getDeviceInfo') {
  const api = wx.api as unknown as Record<string, () => unknown>;
  const original = api[name];
  const counter = { n: 0 };
  api[name] = () => (counter.n++, original());
  return counter;
}

describe('device facts', () => {
  it('come from getDeviceInfo / getAppBaseInfo without touching the deprecated getSystemInfoSync', () => {
    const wx = new FakeWx({ device: ANDROID });
    const legacy = countCalls(wx, 'getSystemInfoSync');
    const p = createWxPlatform({ api: wx.api, clock: new FakeClock() });
    expect(p.deviceFacts()).toEqual({
      type: 3,
      brand: 'OPPO',
      model: 'OPPO A57',
      os: 'android',
      osVersion: '10',
      language: 'zh_CN',
      platformVersion: '3.3.4',
    });
    expect(legacy.n).toBe(0);
  });

  it('fall back to getSystemInfoSync on a base library without the new APIs', () => {
    const wx = new FakeWx({ device: IPHONE, legacyBaseLibrary: true });
    const legacy = countCalls(wx, 'getSystemInfoSync');
    const p = createWxPlatform({ api: wx.api, clock: new FakeClock() });
    expect(p.deviceFacts()).toMatchObject({ type: 2, os: 'ios', osVersion: '17.1.2', platformVersion: '3.4.1', model: IPHONE.model });
    expect(legacy.n).toBe(1);
  });

  it('fall back per API: a throwing getAppBaseInfo is filled from getSystemInfoSync', () => {
    const wx = new FakeWx({ throwing: ['getAppBaseInfo'] });
    const p = createWxPlatform({ api: wx.api, clock: new FakeClock() });
    expect(p.deviceFacts()).toMatchObject({ type: 3, brand: 'OPPO', language: 'zh_CN', platformVersion: '3.3.4' });
  });

  it('never throw: every device API throwing gives type 1 (other)', () => {
    const wx = new FakeWx({ throwing: ['getDeviceInfo', 'getAppBaseInfo', 'getWindowInfo', 'getSystemInfoSync', 'getLaunchOptionsSync'] });
    const p = createWxPlatform({ api: wx.api, clock: new FakeClock() });
    expect(p.deviceFacts()).toEqual({ type: 1 });
    expect(p.scene()).toBeUndefined();
  });

  it('map devtools, Windows and HarmonyOS to type 1', () => {
    for (const platform of ['devtools', 'windows', 'ohos'] as const) {
      const wx = new FakeWx({ device: { ...ANDROID, platform } });
      expect(createWxPlatform({ api: wx.api, clock: new FakeClock() }).deviceFacts().type).toBe(1);
    }
  });

  it('clip over-long values to what the report schema allows', () => {
    const wx = new FakeWx({ device: { ...ANDROID, model: 'M'.repeat(500), brand: 'B'.repeat(100) } });
    const f = createWxPlatform({ api: wx.api, clock: new FakeClock() }).deviceFacts();
    expect(f.model).toHaveLength(128);
    expect(f.brand).toHaveLength(64);
  });
});
