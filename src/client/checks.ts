/**
 * The predicates the hand-written guards (report-guard.ts, catalog/catalog-guard.ts) are built from, shared so the
 * client bundle carries them once. Each mirrors a zod refinement of the shared schemas.
 */
export type Check = (v: unknown) => boolean;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string of `min`..`max` UTF-16 units. */
export const str =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max;

/** A safe integer in `min`..`max`. */
export const int =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

export const opt =
  (c: Check): Check =>
  (v) =>
    v === undefined || c(v);

export const orNull =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);

export const oneOf =
  (...xs: unknown[]): Check =>
  (v) =>
    xs.indexOf(v) >= 0;

export const re =
  (r: RegExp): Check =>
  (v) =>
    typeof v === 'string' && r.test(v);
