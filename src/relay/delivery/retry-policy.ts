import type { RelayConfig } from '../config/config-schema';
import type { Classification } from '../sinks/sink';
import type { AttemptResult } from '../storage/storage';
import { backoff } from './backoff';

export type DeliveryPolicy = RelayConfig['delivery'];

/** Why a send failed before any classifiable answer: each one is worth a retry. */
export function describeSendError(err: unknown): string {
  if (err instanceof SendTimeoutError) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && typeof e.code === 'string') return `network error ${e.code}: ${e.message}`;
  return `send failed: ${e instanceof Error ? e.message : String(err)}`;
}

export class SendTimeoutError extends Error {
  override readonly name = 'SendTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`timeout after ${timeoutMs} ms`);
  }
}

/**
 * Turns one attempt's classification into what is stored. A retry becomes dead once the attempts are used up or
 * the purchase is older than `maxAgeSeconds` (counted from when the relay received it); otherwise it is due again
 * after `backoff(attempts)`.
 */
export function decideAttempt(
  classification: Classification,
  row: { attempts: number; createdAt: number },
  policy: DeliveryPolicy,
  now: number,
  random: () => number,
): AttemptResult {
  if (classification.outcome === 'delivered') return { outcome: 'delivered', at: now };
  if (classification.outcome === 'dead') return { outcome: 'dead', at: now, error: classification.reason };
  const attempts = row.attempts + 1;
  if (attempts >= policy.maxAttempts) {
    return { outcome: 'dead', at: now, error: `gave up after ${attempts} attempts: ${classification.reason}` };
  }
  if (now - row.createdAt >= policy.maxAgeSeconds * 1000) {
    return { outcome: 'dead', at: now, error: `older than ${policy.maxAgeSeconds} s: ${classification.reason}` };
  }
  const delay = backoff(attempts, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs }, random);
  return { outcome: 'retry', at: now, nextAttemptAt: now + delay, error: classification.reason };
}
