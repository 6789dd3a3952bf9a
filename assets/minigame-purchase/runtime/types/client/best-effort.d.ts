/** Small helpers several client files share (the bundle carries each once). */
/** `fn()`, or undefined when it throws: for host calls that are best effort (facts, listeners, hooks). */
export declare function attempt<T>(fn: () => T): T | undefined;
/** Deletes the keys whose value is undefined, so a report or a fact set carries only what is known. */
export declare function dropUndefined<T extends object>(o: T): T;
/** An error's message, or the thrown value itself, as text. */
export declare function errorText(e: unknown): string;
