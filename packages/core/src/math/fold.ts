/**
 * The largest of `f(item)` over the items, or `init` when there are none or all are smaller:
 * a loop, not `Math.max(...array)`, whose spread overflows the call stack beyond about 120,000
 * arguments. NaN values are skipped. O(n).
 *
 * @example
 * maxOf([{ a: 2 }, { a: 5 }], (x) => x.a, 0) // => 5
 */
export function maxOf<T>(items: Iterable<T>, f: (item: T) => number, init = -Infinity): number {
  let best = init;
  for (const item of items) {
    const v = f(item);
    if (v > best) best = v;
  }
  return best;
}

/**
 * The smallest of `f(item)` over the items, or `init` when there are none or all are larger
 * (see {@link maxOf}). O(n).
 *
 * @example
 * minOf([3, 1, 2], (x) => x, Infinity) // => 1
 */
export function minOf<T>(items: Iterable<T>, f: (item: T) => number, init = Infinity): number {
  let best = init;
  for (const item of items) {
    const v = f(item);
    if (v < best) best = v;
  }
  return best;
}

/**
 * Appends every item of `more` to `out` one by one (`out.push(...more)` overflows the call stack
 * for large arrays). O(more).
 *
 * @example
 * const a = [1]; pushAll(a, [2, 3]); a // => [1, 2, 3]
 */
export function pushAll<T>(out: T[], more: Iterable<T>): void {
  for (const x of more) out.push(x);
}
