import { createRateLimiter } from '../../../src/relay/http/rate-limiter';

describe('token-bucket rate limiter', () => {
  it('allows perMinute requests at once, then refuses with a Retry-After, then refills over time', () => {
    const l = createRateLimiter(60);
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) expect(l.take('ip', t0).ok).toBe(true);
    const refused = l.take('ip', t0);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(l.take('ip', t0 + 999).ok).toBe(false);
    expect(l.take('ip', t0 + 2000).ok).toBe(true);
  });

  it('keeps keys apart', () => {
    const l = createRateLimiter(1);
    expect(l.take('a', 0).ok).toBe(true);
    expect(l.take('a', 0).ok).toBe(false);
    expect(l.take('b', 0).ok).toBe(true);
  });

  it('says how long to wait when the rate is slow', () => {
    const l = createRateLimiter(2);
    l.take('a', 0);
    l.take('a', 0);
    const r = l.take('a', 0);
    expect(r).toEqual({ ok: false, retryAfterSeconds: 30 });
  });

  it('forgets idle keys so memory stays bounded', () => {
    const l = createRateLimiter(10);
    for (let i = 0; i < 1000; i++) l.take(`k${i}`, 0);
    expect(l.size).toBe(1000);
    l.take('late', 120_000);
    expect(l.size).toBe(1);
  });
});
