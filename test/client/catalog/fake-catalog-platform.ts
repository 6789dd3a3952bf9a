import type { HttpResponse, Platform, PlatformStorage } from '../../../src/client/platform/platform';

/** Platform storage in memory, able to refuse writes like a full `wx.setStorageSync`. */
export class MemoryStorage implements PlatformStorage {
  readonly data = new Map<string, string>();
  full = false;
  get(key: string): string | undefined {
    return this.data.get(key);
  }
  set(key: string, value: string): void {
    if (this.full) throw new Error('setStorageSync:fail exceed storage max size 10Mb');
    this.data.set(key, value);
  }
  remove(key: string): void {
    this.data.delete(key);
  }
}

/** A platform with a hand-driven clock and network state: what the catalog client touches, and nothing else. */
export function fakeCatalogPlatform(storage = new MemoryStorage()) {
  const state = { now: 1_700_000_000_000, network: 'wifi' as string | undefined };
  const platform: Platform = {
    name: 'web',
    storage,
    request: () => Promise.reject(new Error('the catalog client goes through relayGet')),
    login: () => Promise.resolve('code'),
    payment: { cannotPayReason: () => undefined, pay: () => Promise.resolve({ status: 'paid' }) },
    deviceFacts: () => ({ type: 1 }),
    networkType: () => state.network,
    scene: () => undefined,
    onShow: () => () => undefined,
    onNetworkReturn: () => () => undefined,
    clock: { now: () => state.now, setTimeout: () => 0, clearTimeout: () => undefined, random: Math.random },
  };
  return { platform, storage, state };
}

/**
 * A scripted relay: each call takes the next answer (a response, an Error to reject with, or a function),
 * and waits for `release()` when `hold` is set, so a test can overlap calls.
 */
export function fakeRelayGet() {
  const calls: string[] = [];
  const answers: Array<HttpResponse | Error> = [];
  let gate: { promise: Promise<void>; open(): void } | undefined;
  const relayGet = async (path: string): Promise<HttpResponse> => {
    calls.push(path);
    const answer = answers.shift();
    if (gate) await gate.promise;
    if (!answer) throw new Error('fake relay: no answer scripted');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return {
    relayGet,
    calls,
    answer(...a: Array<HttpResponse | Error>) {
      answers.push(...a);
    },
    hold() {
      let open!: () => void;
      const promise = new Promise<void>((r) => (open = r));
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = undefined;
    },
  };
}
