import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { decideAttempt, describeSendError, SendTimeoutError } from '../../../src/relay/delivery/retry-policy';

const policy = RelayConfigSchema.parse({
  session: { mode: 'sandbox', secret: 'x'.repeat(16) },
  games: [{ appId: 'wx' }],
  delivery: { maxAttempts: 3, maxAgeSeconds: 60, baseDelayMs: 1000, maxDelayMs: 5000 },
}).delivery;
const NOW = 1_000_000;
const fresh = { attempts: 0, createdAt: NOW };
const half = () => 0.5;

describe('retry policy', () => {
  it('passes delivered and dead through, stamped now', () => {
    expect(decideAttempt({ outcome: 'delivered' }, fresh, policy, NOW, half)).toEqual({ outcome: 'delivered', at: NOW });
    expect(decideAttempt({ outcome: 'dead', reason: 'Kakao 401' }, fresh, policy, NOW, half)).toEqual({ outcome: 'dead', at: NOW, error: 'Kakao 401' });
  });

  it('schedules a retry after the backoff of the attempt just made', () => {
    const retry = { outcome: 'retry', reason: 'HTTP 503' } as const;
    expect(decideAttempt(retry, fresh, policy, NOW, half)).toEqual({ outcome: 'retry', at: NOW, nextAttemptAt: NOW + 500, error: 'HTTP 503' });
    expect(decideAttempt(retry, { attempts: 1, createdAt: NOW }, policy, NOW, half)).toMatchObject({ nextAttemptAt: NOW + 1000 });
  });

  it('gives up exactly when the attempts reach maxAttempts', () => {
    const retry = { outcome: 'retry', reason: 'HTTP 500' } as const;
    expect(decideAttempt(retry, { attempts: 1, createdAt: NOW }, policy, NOW, half).outcome).toBe('retry');
    expect(decideAttempt(retry, { attempts: 2, createdAt: NOW }, policy, NOW, half)).toEqual({
      outcome: 'dead',
      at: NOW,
      error: 'gave up after 3 attempts: HTTP 500',
    });
  });

  it('gives up exactly when the purchase reaches maxAgeSeconds', () => {
    const retry = { outcome: 'retry', reason: 'timeout after 10000 ms' } as const;
    expect(decideAttempt(retry, { attempts: 0, createdAt: NOW - 59_999 }, policy, NOW, half).outcome).toBe('retry');
    expect(decideAttempt(retry, { attempts: 0, createdAt: NOW - 60_000 }, policy, NOW, half)).toEqual({
      outcome: 'dead',
      at: NOW,
      error: 'older than 60 s: timeout after 10000 ms',
    });
  });

  it('describes what went wrong before an answer', () => {
    expect(describeSendError(new SendTimeoutError(250))).toBe('timeout after 250 ms');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(describeSendError(refused)).toBe('network error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');
    expect(describeSendError(new Error('boom'))).toBe('send failed: boom');
    expect(describeSendError('a string')).toBe('send failed: a string');
    expect(describeSendError(undefined)).toBe('send failed: undefined');
  });
});
