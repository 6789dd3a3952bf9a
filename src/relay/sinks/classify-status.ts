import type { Classification } from './sink';

/**
 * The HTTP-status half of every classifier (the body half is each sink's own):
 * 408, 425, 429 and 5xx are worth retrying (ky's and posthog's defaults); any other 4xx will fail the same way
 * again; a 3xx means the configured URL is wrong, which no retry fixes; 1xx cannot be a final answer.
 */
export type StatusFamily = 'success' | 'retryable' | 'fatal';

export function statusFamily(status: number): StatusFamily {
  if (status >= 200 && status < 300) return 'success';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retryable';
  if (status >= 300 && status < 500) return 'fatal';
  return 'retryable';
}

/** A failed answer classified by status alone, with a readable reason. */
export function classifyFailedStatus(sink: string, status: number, detail: string): Classification {
  const reason = `${sink} HTTP ${status}${detail ? `: ${detail}` : ''}`;
  return statusFamily(status) === 'fatal' ? { outcome: 'dead', reason } : { outcome: 'retry', reason };
}

/** At most `max` characters of a body for a reason line, whitespace collapsed. */
export function snippet(body: string, max = 200): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** JSON.parse that answers undefined instead of throwing: a classifier never throws. */
export function tryParseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
