/**
 * The predicates the hand-written guards (report-guard.ts, catalog/catalog-guard.ts) are built from, shared so the
 * client bundle carries them once. Each mirrors a zod refinement of the shared schemas.
 */
export type Check = (v: unknown) => boolean;
export declare const isObject: (v: unknown) => v is Record<string, unknown>;
/** A string of `min`..`max` UTF-16 units. */
export declare const str: (min: number, max: number) => Check;
/** A safe integer in `min`..`max`. */
export declare const int: (min: number, max: number) => Check;
export declare const opt: (c: Check) => Check;
export declare const orNull: (c: Check) => Check;
export declare const oneOf: (...xs: unknown[]) => Check;
export declare const re: (r: RegExp) => Check;
