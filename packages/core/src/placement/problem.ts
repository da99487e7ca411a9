import { invalid } from '../errors.js';

/**
 * A vector packing problem in flat typed arrays (internal): `w[i * d + k]` is item i's size
 * in dimension k, `u` the same divided by the capacity, `vol[i]` the sum of `u` over the
 * dimensions (the item's "volume"), `tol[k]` the slack allowed for floating-point sums.
 */
export interface VectorProblem {
  readonly d: number;
  readonly n: number;
  readonly cap: Float64Array;
  readonly tol: Float64Array;
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly vol: Float64Array;
}

/** A packing: the bin of every item (-1 when it fits no bin at all) and the number of bins. */
export interface VectorSolution {
  readonly assignment: Int32Array;
  readonly bins: number;
}

/** Validates the input and builds the flat problem. O(n d). */
export function vectorProblem(capacity: readonly number[], items: readonly (readonly number[])[]): VectorProblem {
  const d = capacity.length;
  if (d < 1) invalid('capacity', 'at least one dimension', capacity);
  const cap = new Float64Array(d);
  const tol = new Float64Array(d);
  capacity.forEach((c, k) => {
    if (!(c > 0) || !Number.isFinite(c)) invalid(`capacity[${k}]`, 'a finite number > 0', c);
    cap[k] = c;
    tol[k] = 1e-9 * Math.max(1, c);
  });
  const n = items.length;
  const w = new Float64Array(n * d);
  const u = new Float64Array(n * d);
  const vol = new Float64Array(n);
  items.forEach((it, i) => {
    if (it.length !== d) invalid(`items[${i}]`, `${d} sizes`, it);
    for (let k = 0; k < d; k++) {
      const x = it[k]!;
      if (!(x >= 0) || !Number.isFinite(x)) invalid(`items[${i}][${k}]`, 'a finite number >= 0', x);
      w[i * d + k] = x;
      u[i * d + k] = x / cap[k]!;
      vol[i] = vol[i]! + x / cap[k]!;
    }
  });
  return { d, n, cap, tol, w, u, vol };
}

/** Whether item i fits alone in an empty bin. */
export function fitsEmpty(p: VectorProblem, i: number): boolean {
  for (let k = 0; k < p.d; k++) if (p.w[i * p.d + k]! > p.cap[k]! + p.tol[k]!) return false;
  return true;
}

/** Renumbers bins in order of first use and counts them; items at -1 stay at -1. O(n). */
export function normalizeSolution(assignment: Int32Array): VectorSolution {
  const map = new Map<number, number>();
  const out = new Int32Array(assignment.length);
  for (let i = 0; i < assignment.length; i++) {
    const b = assignment[i]!;
    if (b < 0) { out[i] = -1; continue; }
    let m = map.get(b);
    if (m === undefined) { m = map.size; map.set(b, m); }
    out[i] = m;
  }
  return { assignment: out, bins: map.size };
}
