import type { z } from 'zod';
import { formatIssues } from '../format-issues';
import type { SinkGame, StoredPurchase } from './sink';

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

/** A sink's row of one purchase and what its wire schema says of it. */
export interface CheckedRow<R> {
  row: R;
  problem: string | undefined;
}

/**
 * A sink's row builder that builds and checks each purchase's row once: the sink loop asks `refuse` of every claimed
 * row before batching, and `toRequest`, which must never build a request of a refused row, asks again for the same
 * purchase. Remembered per purchase object (a purchase claimed again is a new object, built and checked afresh) and
 * only for the same config and game objects; `build` is pure, so the row is the one it would build again.
 */
export function checkedRows<C, R, G = SinkGame>(sink: string, schema: z.ZodType, build: (p: StoredPurchase, config: C, game: G) => R) {
  const memo = new WeakMap<StoredPurchase, CheckedRow<R> & { config: C; game: G }>();
  return (p: StoredPurchase, config: C, game: G): CheckedRow<R> => {
    const known = memo.get(p);
    if (known && known.config === config && known.game === game) return known;
    const row = build(p, config, game);
    const checked = { row, problem: rowProblem(sink, schema, row), config, game };
    memo.set(p, checked);
    return checked;
  };
}
