import type { z } from 'zod';
import { formatIssues } from '../format-issues';

/**
 * Why a sink's upstream would refuse `row`, by the sink's own wire schema (each `*-wire.ts`), or undefined.
 * Checked per purchase before a request is built: a row the upstream would refuse is dead alone, with its column
 * named, instead of taking a whole batch down with it at the upstream.
 */
export function rowProblem(sink: string, schema: z.ZodType, row: unknown): string | undefined {
  const parsed = schema.safeParse(row);
  if (parsed.success) return undefined;
  return `${sink} would refuse this row: ${formatIssues(parsed.error.issues.slice(0, 3)).join('; ')}`;
}
