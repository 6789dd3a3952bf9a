import fc from 'fast-check';
import { backoff } from '../../../src/relay/delivery/backoff';

const OPTS = { baseMs: 1000, maxMs: 60_000 };

describe('backoff', () => {
  it('doubles the ceiling each attempt up to the cap', () => {
    const top = (attempt: number) => backoff(attempt, OPTS, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(top)).toEqual([999, 1999, 3999, 7999, 15999, 31999, 59999, 59999]);
    expect(top(5000)).toBe(59_999);
  });

  it('draws uniformly under the ceiling (full jitter)', () => {
    expect(backoff(3, OPTS, () => 0)).toBe(0);
    expect(backoff(3, OPTS, () => 0.25)).toBe(1000);
    expect(backoff(3, OPTS, () => 0.5)).toBe(2000);
  });

  it('stays in [0, min(cap, base * 2^(n-1))) for any attempt and any random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const d = backoff(attempt, OPTS, () => r);
        const ceiling = Math.min(OPTS.maxMs, OPTS.baseMs * 2 ** (attempt - 1));
        return Number.isInteger(d) && d >= 0 && d < ceiling;
      }),
    );
  });

  it('treats attempt 0 or below like the first retry', () => {
    expect(backoff(0, OPTS, () => 0.5)).toBe(500);
    expect(backoff(-3, OPTS, () => 0.5)).toBe(500);
  });
});
