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

/** An error's message, or the thrown value itself, as text. */
export function errorText(e: unknown): string {
  return String((e as Error)?.message ?? e);
}
