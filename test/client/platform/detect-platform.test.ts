import { detectPlatform, createPlatform } from '../../../src/client/platform/detect-platform';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeQq, FakeTt } from '../../fakes/platform/fake-qq-tt';

const g = globalThis as Record<string, unknown>;

afterEach(() => {
  delete g.wx;
  delete g.qq;
  delete g.tt;
});

describe('platform detection', () => {
  it('is web when no mini-game global exists (Node, a browser)', () => {
    expect(detectPlatform()).toBe('web');
    expect(createPlatform().name).toBe('web');
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
    expect(createPlatform('web').name).toBe('web');
  });
});
