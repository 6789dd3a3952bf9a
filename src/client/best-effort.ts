/** Small helpers several client files share (the bundle carries each once). */

/** `fn()`, or undefined when it throws: for host calls that are best effort (facts, listeners, hooks). */
export function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** Deletes the keys whose value is undefined, so a report or a fact set carries only what is known. */
export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

/** What went wrong, as text: a platform fail result's `errMsg`, an Error's `message`, else the thrown value. */
export function errorText(e: unknown): string {
  const o = e as { errMsg?: unknown; message?: unknown } | null | undefined;
  return String((o && (o.errMsg || o.message)) || e);
}

/** The relay's `{error: {code, message, field?}}` as `field: message`, or undefined when the body is not one. */
export function relayErrorText(body: unknown): string | undefined {
  const e = (body as { error?: { message?: unknown; field?: unknown } } | null)?.error;
  if (!e || typeof e.message !== 'string') return undefined;
  return typeof e.field === 'string' ? `${e.field}: ${e.message}` : e.message;
}
