import { detectPlatform, createPlatform, NO_PLATFORM } from '../../../src/client/platform/detect-platform';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeQq, FakeTt } from '../../fakes/platform/fake-qq-tt';

const g = globalThis as Record<string, unknown>;

afterEach(() => {
  delete g.wx;
  delete g.qq;
  delete g.tt;
});

describe('platform detection', () => {
  it('is web when no mini-game global exists (Node, a browser), whose sandbox the caller builds: not in the npm entry', () => {
    expect(detectPlatform()).toBe('web');
    expect(() => createPlatform()).toThrow(NO_PLATFORM);
    expect(NO_PLATFORM).toContain("createWebPlatform() }), from 'minigame-purchase/web'");
  });

  it('finds wx', () => {
    g.wx = new FakeWx().api;
    expect(detectPlatform()).toBe('wx');
    expect(createPlatform().name).toBe('wx');
  });

  it('prefers qq and tt over a wx alias', () => {
    g.wx = new FakeWx().api;
    g.qq = new FakeQq().api;
    expect(detectPlatform()).toBe('qq');
    delete g.qq;
    g.tt = new FakeTt().api;
    expect(detectPlatform()).toBe('tt');
  });

  it('builds the platform it is told to, whatever the globals', () => {
    g.tt = new FakeTt().api;
    g.wx = new FakeWx().api;
    expect(createPlatform('wx').name).toBe('wx');
    expect(() => createPlatform('web')).toThrow(NO_PLATFORM);
  });
});
