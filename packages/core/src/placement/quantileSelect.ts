/**
 * The type-7 quantile (R's default, numpy's `linear`, simple-statistics' `quantileSorted`) of
 * unsorted values by selection instead of sorting: h = (n - 1) p, x(floor h) + (h - floor h)
 * (x(ceil h) - x(floor h)), with the same floating-point steps as simple-statistics, so the
 * result equals `quantileSorted(sorted copy, p)` bit for bit. Reorders `scratch` (pass a copy);
 * Hoare's quickselect with a median-of-three pivot, deterministic. O(n) expected.
 *
 * Reference: Hyndman and Fan, "Sample quantiles in statistical packages" (1996), definition 7.
 *
 * @example
 * quantileSelect7(Float64Array.of(20, 3, 16, 6, 7, 8, 8, 9, 10, 13, 15), 0.95) // => 18 (h = 9.5: 16 + 0.5 x (20 - 16))
 */
export function quantileSelect7(scratch: Float64Array, p: number): number {
  const n = scratch.length;
  if (n === 0) throw new RangeError('quantile requires at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in 0..1, got ${p}`);
  const h = (n - 1) * p;
  const lower = p === 1 ? n - 1 : Math.floor(h);
  const lo = selectKth(scratch, lower);
  if (p === 1 || p === 0 || h % 1 === 0) return lo;
  // the next order statistic is the smallest value right of the selected position
  let hi = Infinity;
  for (let i = lower + 1; i < n; i++) if (scratch[i]! < hi) hi = scratch[i]!;
  return lo + (h - lower) * (hi - lo);
}

/** Rearranges `a` so that a[k] is the k-th smallest (0-based), smaller to its left, larger to its right; returns a[k]. */
function selectKth(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // median of three as the pivot, moved to a[k]'s search window edges
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { swap(a, i, j); i++; j--; }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
