/**
 * The continuous lower bound on the number of bins for vector packing: the maximum over
 * dimensions of ceil(total size / capacity) (Panigrahy et al. 2011; `LB_Lc` in the CT01
 * tables). A tiny relative tolerance absorbs floating-point sums. O(n d).
 *
 * @example
 * vectorLowerBound([10, 10], [[6, 3], [4, 7], [4, 7]]) // => 2 (sizes sum to 14 and 17)
 */
export function vectorLowerBound(capacity: readonly number[], items: readonly (readonly number[])[]): number {
  let lb = items.length > 0 ? 1 : 0;
  for (let k = 0; k < capacity.length; k++) {
    let sum = 0;
    for (const it of items) sum += it[k]!;
    const ratio = sum / capacity[k]!;
    lb = Math.max(lb, Math.ceil(ratio - 1e-9 * Math.max(1, ratio)));
  }
  return lb;
}
