import type { z } from 'zod';
import { formatPath } from '../format-issues';

/**
 * Every key of `value` that `schema` does not know, one line each, with the nearest known key when it is close:
 * `games[0].sinks.hvie: unknown key; did you mean "hive"?`. zod's plain objects strip unknown keys, so a misspelt
 * `"hvie"` would turn Hive off without a word; this walks the schema's own shape instead of a second list of keys,
 * so a key someone adds to `config-schema.ts` later is known here at once, and a schema left non-strict is still
 * checked.
 */
export function unknownKeys(schema: z.ZodType, value: unknown, at: readonly PropertyKey[] = []): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unknownKeys(def.innerType, value, at);
    case 'pipe':
      return unknownKeys(def.in, value, at);
    case 'lazy':
      return unknownKeys(def.getter(), value, at);
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => unknownKeys(def.element, v, [...at, i])) : [];
    case 'record':
      return isObject(value) ? Object.entries(value).flatMap(([k, v]) => unknownKeys(def.valueType, v, [...at, k])) : [];
    case 'intersection':
      return unknownInObject(mergeShapes([shapeOf(def.left), shapeOf(def.right)]), value, at);
    case 'object':
      return unknownInObject(def.shape, value, at);
    case 'union':
      return unknownInUnion(def.options, def.discriminator, value, at);
    default:
      return [];
  }
}

type Shape = Record<string, z.ZodType>;

function unknownInObject(shape: Shape | undefined, value: unknown, at: readonly PropertyKey[]): string[] {
  if (shape === undefined || !isObject(value)) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key in shape ? unknownKeys(shape[key], v, [...at, key]) : [unknownLine([...at, key], key, Object.keys(shape))],
  );
}

/**
 * A union of objects (`storage`: sqlite | postgres; `session` by `mode`): the option the value is written for is the
 * one its discriminator picks, else the one that knows the most of its keys. A key that only another option knows
 * says so (`minFreeBytes` is for SQLite).
 */
function unknownInUnion(options: readonly z.ZodType[], discriminator: string | undefined, value: unknown, at: readonly PropertyKey[]): string[] {
  if (!isObject(value)) return [];
  const shapes = options.map((o) => shapeOf(o));
  if (shapes.some((s) => s === undefined)) {
    // A union with a non-object option (a string or an object): walk the options that are objects only.
    const objects = options.filter((o, i) => shapes[i] !== undefined);
    return objects.length === 1 ? unknownKeys(objects[0], value, at) : [];
  }
  const known = shapes as Shape[];
  const keys = Object.keys(value);
  let chosen = discriminator === undefined ? -1 : known.findIndex((s) => literalMatches(s[discriminator], value[discriminator]));
  if (chosen < 0) {
    // A required key the value has ("postgres") says more than an optional one ("minFreeBytes").
    const scores = known.map((s) => keys.filter((k) => k in s && k !== discriminator).reduce((sum, k) => sum + (isOptional(s[k]) ? 1 : 2), 0));
    chosen = scores.indexOf(Math.max(...scores));
    if (scores[chosen] === 0) {
      // Nothing fits any option: guess from the keys of all of them.
      const all = [...new Set(known.flatMap((s) => Object.keys(s)))];
      return keys.filter((k) => !all.includes(k)).map((k) => unknownLine([...at, k], k, all));
    }
  }
  const shape = known[chosen];
  return keys.flatMap((key) => {
    if (key in shape) return unknownKeys(shape[key], value[key], [...at, key]);
    const owners = known.filter((s) => key in s).map((s) => ownerName(s, discriminator));
    if (owners.length > 0) return [`${formatPath([...at, key])}: unknown key (allowed with ${owners.join(' or ')} only)`];
    return [unknownLine([...at, key], key, Object.keys(shape))];
  });
}

/** How an option of a union is named in a message: its discriminator value, else its first key. */
function ownerName(shape: Shape, discriminator: string | undefined): string {
  if (discriminator !== undefined) {
    const values = defOf(shape[discriminator]).values;
    if (values?.length) return `${discriminator} ${JSON.stringify(values[0])}`;
  }
  return JSON.stringify(Object.keys(shape)[0]);
}

function isOptional(schema: z.ZodType): boolean {
  return (schema as unknown as { _zod: { optin?: string } })._zod.optin === 'optional';
}

function literalMatches(schema: z.ZodType | undefined, v: unknown): boolean {
  if (schema === undefined) return false;
  const values = defOf(schema).values;
  return values !== undefined && values.includes(v);
}

function unknownLine(at: readonly PropertyKey[], key: string, known: readonly string[]): string {
  const meant = closest(key, known);
  return `${formatPath(at)}: unknown key${meant === undefined ? '' : `; did you mean ${JSON.stringify(meant)}?`}`;
}

/** The known key nearest to `key` when it is near enough to be a slip: a third of its letters at most, and two. */
export function closest(key: string, known: readonly string[]): string | undefined {
  const limit = Math.min(2, Math.max(1, Math.floor(key.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  if (best !== undefined && bestDistance <= limit) return best;
  // "timeout" for "timeoutMs", "ofer" for "offerId": a known key that starts with a near spelling of what was written.
  const prefixed = known.filter((k) => k.length > key.length && editDistance(key.toLowerCase(), k.slice(0, key.length).toLowerCase()) <= (key.length >= 4 ? 1 : 0));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, and swaps of neighbours ("hvie"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The object shape under wrappers (`.optional()`, `.default()`, refinements), or undefined for a non-object. */
function shapeOf(schema: z.ZodType): Shape | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return def.shape;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return shapeOf(def.innerType);
    case 'pipe':
      return shapeOf(def.in);
    case 'intersection':
      return mergeShapes([shapeOf(def.left), shapeOf(def.right)]);
    default:
      return undefined;
  }
}

function mergeShapes(shapes: Array<Shape | undefined>): Shape | undefined {
  return shapes.every((s) => s === undefined) ? undefined : (Object.assign({}, ...shapes.filter(Boolean)) as Shape);
}

// zod 4 keeps a schema's definition on `_zod.def`; its `type` names the kind. The def's fields differ per kind, so
// they are read loosely here and nowhere else.
function defOf(schema: z.ZodType): LooseDef {
  return (schema as unknown as { _zod: { def: LooseDef } })._zod.def;
}

/** The fields of a zod 4 definition this file reads; each is present only for its kinds. */
interface LooseDef {
  type: string;
  innerType: z.ZodType;
  in: z.ZodType;
  getter: () => z.ZodType;
  element: z.ZodType;
  valueType: z.ZodType;
  left: z.ZodType;
  right: z.ZodType;
  shape: Shape;
  options: readonly z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
