/**
 * Sorts a copy of `items` by `compare`, fast: a non-negative integer `primary` key that agrees with `compare`
 * (a smaller key always sorts first) lets the bulk of the work be a native numeric sort of a Float64Array of
 * `key * M + index`, about three times faster than `Array.prototype.sort` with a JS comparator on a few hundred
 * items; runs of equal keys are then ordered by `compare`. Falls back to the comparator sort when the packed keys
 * would not be exact. Input already in order (the common case: servers send price order) costs one linear pass.
 */
export declare function sortByKey<T>(items: readonly T[], primary: (item: T) => number, compare: (a: T, b: T) => number): T[];
