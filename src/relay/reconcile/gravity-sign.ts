import { createHash } from 'node:crypto';

/**
 * Gravity Engine's request signature (specs/README.md, "Gravity Engine order report"): every body field but
 * `sign` written as `key=JSON(value)` with object keys sorted at every depth, the pairs sorted, joined with `&`,
 * the `app_key` appended, every `"` and every space removed, then the lowercase hex MD5 of the UTF-8 bytes.
 *
 * `JSON(value)` is `JSON.stringify`'s text: non-ASCII characters are written as themselves, not as `\uXXXX`.
 * The notes do not say which the server expects; the bodies this relay sends carry only ASCII (dates, ids,
 * numbers), so the choice never reaches the wire today. Arrays keep their order; only object keys are sorted.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // undefined, functions and symbols have no JSON text; a body holding one is a programming error.
    if (text === undefined) throw new TypeError(`value has no JSON form: ${String(value)}`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(compareCodeUnits);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The string that is hashed: exposed so tests and the fake server can show it when signatures disagree. */
export function signingString(body: Readonly<Record<string, unknown>>, appKey: string): string {
  const pairs = Object.keys(body)
    .filter((k) => k !== 'sign' && body[k] !== undefined)
    .map((k) => `${k}=${canonicalJson(body[k])}`)
    .sort(compareCodeUnits);
  return (pairs.join('&') + appKey).replace(/[" ]/g, '');
}

/** The `sign` body field for `body` (its own `sign`, if any, is ignored). */
export function gravitySign(body: Readonly<Record<string, unknown>>, appKey: string): string {
  return createHash('md5').update(signingString(body, appKey), 'utf8').digest('hex');
}

// Byte order for ASCII keys, independent of the host's locale (localeCompare is not).
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
