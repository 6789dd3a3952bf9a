/**
 * Sorts a copy of `items` by `compare`, fast: a non-negative integer `primary` key that agrees with `compare`
 * (a smaller key always sorts first) lets the bulk of the work be a native numeric sort of a Float64Array of
 * `key * M + index`, about three times faster than `Array.prototype.sort` with a JS comparator on a few hundred
 * items; runs of equal keys are then ordered by `compare`. Falls back to the comparator sort when the packed keys
 * would not be exact. Input already in order (the common case: servers send price order) costs one linear pass.
 */
export function sortByKey<T>(items: readonly T[], primary: (item: T) => number, compare: (a: T, b: T) => number): T[] {
  const n = items.length;
  let inOrder = true;
  for (let i = 1; i < n && inOrder; i++) inOrder = compare(items[i - 1], items[i]) <= 0;
  if (inOrder) return items.slice();

  let m = 1;
  while (m < n) m *= 2;
  const buffers = takeBuffers(n);
  const { primaries, from } = buffers;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const k = primary(items[i]);
    if (!(k >= 0 && Number.isSafeInteger(k * m + m))) {
      giveBack(buffers);
      return items.slice().sort(compare);
    }
    primaries[i] = k;
    if (k > max) max = k;
  }
  // Where each sorted position came from. Keys that fit 32 bits (prices below ~8 million minor units in a list of
  // 500) sort as a Uint32Array, about three times faster than a Float64Array.
  if ((max + 1) * m <= 0x100000000) {
    for (let i = 0; i < n; i++) from[i] = primaries[i] * m + i;
    from.sort();
    for (let i = 0; i < n; i++) from[i] = from[i] % m;
  } else {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = primaries[i] * m + i;
    keys.sort();
    for (let i = 0; i < n; i++) from[i] = keys[i] % m;
  }
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = items[from[i]];

  // Equal primary keys came out in input order: note each such run, then order it by the full comparison (after
  // the buffers are given back, so a comparator that sorts too cannot disturb them).
  let runs: number[] | undefined;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || primaries[from[i]] !== primaries[from[start]]) {
      if (i - start > 1) (runs ||= []).push(start, i);
      start = i;
    }
  }
  giveBack(buffers);
  if (runs) {
    for (let r = 0; r < runs.length; r += 2) {
      const run = out.slice(runs[r], runs[r + 1]).sort(compare);
      for (let j = 0; j < run.length; j++) out[runs[r] + j] = run[j];
    }
  }
  return out;
}

interface Buffers {
  primaries: Float64Array;
  from: Uint32Array;
}

// Allocating typed arrays costs about as much as sorting them: a store renders lists of the same few lengths again
// and again, so the buffers of each length are kept (a handful of lengths at most) and reused.
const spare = new Map<number, Buffers>();

function takeBuffers(n: number): Buffers {
  const b = spare.get(n);
  if (b) {
    // Taken out while in use, so a nested call (a comparator that sorts) gets its own.
    spare.delete(n);
    return b;
  }
  return { primaries: new Float64Array(n), from: new Uint32Array(n) };
}

function giveBack(b: Buffers): void {
  if (spare.size >= 8) spare.clear();
  spare.set(b.from.length, b);
}
