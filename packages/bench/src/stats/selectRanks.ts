/**
 * Puts the order statistics of the given 0-based `ranks` in place: afterwards `values[k]` is
 * the value a full ascending sort would put at `k`, for every requested k (Hoare's quickselect
 * with median-of-three pivots, ranks handled in ascending order so each search starts where
 * the previous one ended). Reorders `values`; NaN must not occur. Average O(n) per distinct
 * region, instead of O(n log n) for a sort.
 *
 * @example
 * const v = Float64Array.from([5, 1, 4, 2, 3]);
 * selectRanks(v, [2]); v[2] // => 3
 */
export function selectRanks(values: Float64Array, ranks: readonly number[]): void {
  const sorted = [...new Set(ranks)].filter((k) => k >= 0 && k < values.length).sort((a, b) => a - b);
  let left = 0;
  for (const k of sorted) {
    if (k < left) continue;
    select(values, k, left, values.length - 1);
    left = k + 1;
  }
}

function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
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
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // now a[left..j] <= pivot <= a[i..right], and j < i
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return; // j < k < i: a[k] equals the pivot and sits in place
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
