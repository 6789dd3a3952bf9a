/** Small helpers several client files share (the bundle carries each once). */
/** `fn()`, or undefined when it throws: for host calls that are best effort (facts, listeners, hooks). */
export declare function attempt<T>(fn: () => T): T | undefined;
/** Deletes the keys whose value is undefined, so a report or a fact set carries only what is known. */
export declare function dropUndefined<T extends object>(o: T): T;
/** What went wrong, as text: a platform fail result's `errMsg`, an Error's `message`, else the thrown value. */
export declare function errorText(e: unknown): string;
/** The relay's `{error: {code, message, field?}}` as `field: message`, or undefined when the body is not one. */
export declare function relayErrorText(body: unknown): string | undefined;
