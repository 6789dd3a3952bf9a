import { createWebPlatform } from '../../../src/client/platform/web';
import { createWxPlatform } from '../../../src/client/platform/wx';
import { createQqPlatform } from '../../../src/client/platform/qq';
import { createTtPlatform } from '../../../src/client/platform/tt';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeQq, FakeTt } from '../../fakes/platform/fake-qq-tt';
import { FakeClock } from '../../fakes/platform/fake-clock';

/** `PlatformStorage.keys()`, which the order store's sweep of orphaned order keys reads at start. */
describe('storage keys', () => {
  it('wx, qq and tt list getStorageInfoSync().keys', () => {
    for (const [host, create] of [
      [new FakeWx(), (api: never) => createWxPlatform({ api, clock: new FakeClock() })],
      [new FakeQq(), (api: never) => createQqPlatform({ api, clock: new FakeClock() })],
      [new FakeTt(), (api: never) => createTtPlatform({ api, clock: new FakeClock() })],
    ] as const) {
      const { storage } = create(host.api as never);
      storage.set('mp:v1:o:A', '{}');
      host.api.setStorageSync('game:save', 'x');
      expect(storage.keys!().sort()).toEqual(['game:save', 'mp:v1:o:A']);
    }
  });

  it("web lists localStorage's keys that are the kit's, not the page's others", () => {
    const data = new Map<string, string>();
    const localStorage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
      get length() {
        return data.size;
      },
      key: (i: number) => Array.from(data.keys())[i] ?? null,
    };
    const g = globalThis as { localStorage?: unknown };
    g.localStorage = localStorage;
    try {
      const { storage } = createWebPlatform({ clock: new FakeClock() });
      storage.set('mp:v1:o:A', '{}');
      data.set('page:theme', 'dark');
      expect(storage.keys!()).toEqual(['mp:v1:o:A']);
    } finally {
      delete g.localStorage;
    }
  });

  it('web without localStorage lists its memory', () => {
    const { storage } = createWebPlatform({ clock: new FakeClock() });
    storage.set('mp:v1:o:B', '{}');
    expect(storage.keys!()).toEqual(['mp:v1:o:B']);
  });
});
