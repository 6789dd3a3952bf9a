import type { z } from 'zod';

/** A zod issue path as the client wrote it: `reports[3].device.type`. */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? 'body' : out;
}

/** The first issue of a failed parse, as `{field, message}`. */
export function firstIssue(error: z.ZodError, prefix = ''): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issuePath(prefix, issue?.path ?? []);
  return { field, message: `${field}: ${issue?.message ?? 'invalid'}` };
}
