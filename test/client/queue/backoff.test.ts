import { backoffDelay, isRetryableStatus } from '../../../src/client/queue/backoff';
import { createTestKit, startRelay, until, PACK } from '../test-kit';
import { FakeClock } from '../../fakes/platform/fake-clock';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

describe('backoff', () => {
  it('grows exponentially up to the cap, with jitter in [half, full) of the step', () => {
    const opts = { baseMs: 100, maxMs: 10000 };
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(10000, 100 * 2 ** attempt);
      expect(backoffDelay(attempt, () => 0, opts)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, () => 0.999999, opts)).toBeLessThanOrEqual(ceiling);
      expect(backoffDelay(attempt, () => 0.999999, opts)).toBeGreaterThan(ceiling * 0.99);
    }
  });

  it('jitter spreads clients that failed together', () => {
    const clock = new FakeClock(0, 7);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, clock.random)));
    expect(delays.size).toBeGreaterThan(40);
  });

  it('retries network errors, timeouts, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 404, 413].some(isRetryableStatus)).toBe(false);
  });

  it('under fake timers: each failed flush waits longer before the next try, then delivers', async () => {
    const clock = new FakeClock();
    const [kit] = createTestKit(relay, { clock, kit: { backoff: { baseMs: 1000, maxMs: 600000 } } });
    await kit.login();
    relay.mode = '5xx';
    const r = await kit.purchase(PACK);
    await kit.flush();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const posts = relay.posts('/v1/purchases');
      const wait = clock.fireNext(); // the retry timer, whatever its delay
      expect(wait).toBeDefined();
      waits.push(wait!);
      await until(() => relay.posts('/v1/purchases') > posts);
      await kit.flush();
    }
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]);
    relay.mode = 'ok';
    clock.fireNext();
    await until(() => relay.accepted.has(r.orderId));
    await until(() => kit.queuedCount() === 0);
    kit.close();
    expect(clock.pending()).toBe(0);
    relay.mode = 'ok';
  });
});
