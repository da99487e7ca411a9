/**
 * Puts the order statistics of the given 0-based `ranks` in place: afterwards `values[k]` is
 * the value a full ascending sort would put at `k`, for every requested k (Hoare's partition with
 * median-of-three pivots, as a multiselect: the ranks share partitions and each side holding
 * a rank is partitioned again). Reorders `values`; NaN must not occur. Average O(n) per distinct
 * region, instead of O(n log n) for a sort.
 *
 * @example
 * const v = Float64Array.from([5, 1, 4, 2, 3]);
 * selectRanks(v, [2]); v[2] // => 3
 */
export function selectRanks(values: Float64Array, ranks: readonly number[]): void {
  const sorted = Int32Array.from(new Set(ranks.filter((k) => k >= 0 && k < values.length))).sort();
  if (sorted.length > 0) multiSelect(values, sorted, 0, sorted.length, 0, values.length - 1);
}

/**
 * Multiselect: one partition of a[left..right], then each side that holds some of
 * `ranks[from..to)` (ascending) is searched again, so the ranks share their partitions
 * (adjacent ranks such as a percentile's lower and upper one cost almost nothing more).
 */
function multiSelect(a: Float64Array, ranks: Int32Array, from: number, to: number, left: number, right: number): void {
  while (from < to && right > left) {
    if (right - left < 16) {
      insertionSort(a, left, right);
      return;
    }
    const mid = (left + right) >>> 1;
    // median of three into a[mid]
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // now a[left..j] <= pivot <= a[i..right], and j < i; ranks in (j, i) equal the pivot, in place
    let below = from;
    while (below < to && ranks[below]! <= j) below++;
    let above = below;
    while (above < to && ranks[above]! < i) above++;
    // recurse into the smaller group of ranks, loop on the other
    if (below - from <= to - above) {
      multiSelect(a, ranks, from, below, left, j);
      from = above;
      left = i;
    } else {
      multiSelect(a, ranks, above, to, i, right);
      to = below;
      right = j;
    }
  }
}

function insertionSort(a: Float64Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= left && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
