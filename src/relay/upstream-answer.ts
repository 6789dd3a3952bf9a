/**
 * Reading an upstream's answer, the same way for every platform call (login, tokens, orders, queries): a fetch
 * failure is named without its text (URLs carry secrets), and a body is JSON from a 2xx or a worded failure.
 */

/** Why a fetch failed: `timeout` or `network error`, never the error's text. */
export function fetchFailure(err: unknown): 'timeout' | 'network error' {
  return (err as { name?: unknown } | null)?.name === 'TimeoutError' ? 'timeout' : 'network error';
}

/** The JSON of a 2xx answer, or why there is none: `<what> HTTP 503`, `<what> answered non-JSON`. */
export function jsonAnswer(what: string, status: number, text: string): { ok: true; body: unknown } | { ok: false; detail: string } {
  if (status < 200 || status >= 300) return { ok: false, detail: `${what} HTTP ${status}` };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, detail: `${what} answered non-JSON` };
  }
}
