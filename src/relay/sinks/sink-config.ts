import { z } from 'zod';

/** A secret config value, written as `"env:NAME"` in the file and resolved by the loader. */
export const secret = z.string().min(1).describe('a secret, written as "env:NAME"');

/** What every sink's config block has, whatever the sink: where its requests go, and how long one may take. */
export const sinkTarget = {
  /** Upstream URL. Exactly one of `url` and `capture`. */
  url: z.string().url().optional(),
  /** Directory: append each request that would be sent to `<dir>/<sink>.jsonl` instead of sending it. */
  capture: z.string().min(1).optional(),
  /** Per-request timeout. @default 10000 */
  timeoutMs: z.number().int().positive().default(10_000),
};

/** The part of every sink config the transport reads (`sinkTarget`, parsed). */
export interface SinkTarget {
  url?: string;
  capture?: string;
  timeoutMs: number;
}

const oneTarget = (v: { url?: unknown; capture?: unknown }) => (v.url === undefined) !== (v.capture === undefined);
const oneTargetMessage = { message: 'give exactly one of "url" and "capture"' };

/** A sink's config schema: `sinkTarget` plus the sink's own keys, with exactly one of `url` and `capture`. */
export function sinkConfigSchema<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...sinkTarget, ...shape }).refine(oneTarget, oneTargetMessage);
}
