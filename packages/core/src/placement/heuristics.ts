import { fitsEmpty, normalizeSolution, vectorProblem, type VectorProblem, type VectorSolution } from './problem.js';

/** Size measures for first-fit decreasing (Panigrahy et al. 2011), on sizes divided by capacity. */
export type FfdKey = 'max' | 'sum' | 'product' | 'l2';

/** The classic heuristics kept as baselines, by name. */
export type ClassicHeuristic = 'ffd-max' | 'ffd-sum' | 'ffd-product' | 'ffd-l2' | 'bc-dot-product' | 'bc-l2';
/**
 * Every {@link ClassicHeuristic}: first-fit decreasing by four size keys (`max`, `sum`,
 * `product`, `l2` of the demand vector divided by host capacity) and two bin-centric fills (dot
 * product, L2 distance). Baselines for the placement benchmark and starting points of {@link packVectors}.
 *
 * @example
 * CLASSIC_HEURISTICS.filter((h) => h.startsWith('ffd-')).length // => 4
 */
export const CLASSIC_HEURISTICS: readonly ClassicHeuristic[] = ['ffd-max', 'ffd-sum', 'ffd-product', 'ffd-l2', 'bc-dot-product', 'bc-l2'];

function sizeKey(p: VectorProblem, i: number, key: FfdKey): number {
  const { d, u } = p;
  let acc = key === 'product' ? 1 : 0;
  for (let k = 0; k < d; k++) {
    const x = u[i * d + k]!;
    if (key === 'max') acc = Math.max(acc, x);
    else if (key === 'sum') acc += x;
    else if (key === 'product') acc *= x;
    else acc += x * x;
  }
  return acc;
}

/** Item indexes sorted by decreasing `key`, ties by index (deterministic). O(n log n). */
export function orderBy(p: VectorProblem, key: FfdKey): Int32Array {
  const keys = new Float64Array(p.n);
  for (let i = 0; i < p.n; i++) keys[i] = sizeKey(p, i, key);
  const idx = Array.from({ length: p.n }, (_, i) => i);
  idx.sort((a, b) => keys[b]! - keys[a]! || a - b);
  return Int32Array.from(idx);
}

/**
 * First fit in the given order: each item goes into the first open bin where it fits on
 * every dimension, or a new bin. Items too large for an empty bin get -1. O(n x bins x d).
 */
export function firstFit(p: VectorProblem, order: Int32Array): VectorSolution {
  const { d, cap, tol, w } = p;
  const loads: Float64Array[] = [];
  const assignment = new Int32Array(p.n).fill(-1);
  for (const i of order) {
    if (!fitsEmpty(p, i)) continue;
    let placed = -1;
    for (let b = 0; b < loads.length && placed < 0; b++) {
      const l = loads[b]!;
      let ok = true;
      for (let k = 0; k < d; k++) if (l[k]! + w[i * d + k]! > cap[k]! + tol[k]!) { ok = false; break; }
      if (ok) placed = b;
    }
    if (placed < 0) { placed = loads.length; loads.push(new Float64Array(d)); }
    const l = loads[placed]!;
    for (let k = 0; k < d; k++) l[k]! += w[i * d + k]!;
    assignment[i] = placed;
  }
  return { assignment, bins: loads.length };
}

/**
 * Bin-centric greedy (Panigrahy et al. 2011): fill one bin at a time; among the remaining
 * items that fit, take the one with the largest dot product with the bin's remaining
 * capacity (`dot`) or the smallest L2 distance between the remaining capacity and the item
 * (`l2`), both on sizes divided by capacity. O(n^2 d).
 */
export function binCentric(p: VectorProblem, rule: 'dot' | 'l2'): VectorSolution {
  const { d, n, cap, tol, w, u } = p;
  const assignment = new Int32Array(n).fill(-1);
  let left: number[] = [];
  for (let i = 0; i < n; i++) if (fitsEmpty(p, i)) left.push(i);
  const free = new Float64Array(d);
  let bins = 0;
  while (left.length > 0) {
    for (let k = 0; k < d; k++) free[k] = cap[k]!;
    const bin = bins++;
    for (;;) {
      let best = -1;
      let bestScore = -Infinity;
      for (let j = 0; j < left.length; j++) {
        const i = left[j]!;
        let ok = true;
        let score = 0;
        for (let k = 0; k < d; k++) {
          const x = w[i * d + k]!;
          if (x > free[k]! + tol[k]!) { ok = false; break; }
          const f = free[k]! / cap[k]!;
          const y = u[i * d + k]!;
          score += rule === 'dot' ? y * f : -(f - y) * (f - y);
        }
        if (ok && score > bestScore) { bestScore = score; best = j; }
      }
      if (best < 0) break;
      const i = left[best]!;
      assignment[i] = bin;
      for (let k = 0; k < d; k++) free[k]! -= w[i * d + k]!;
      left[best] = left[left.length - 1]!;
      left.pop();
    }
    // keep the remaining order stable for determinism of later tie-breaks
    left = left.sort((a, b) => a - b);
  }
  return normalizeSolution(assignment);
}

/**
 * Runs one classic heuristic by name. O(n x bins x d) for FFD, O(n^2 d) for bin-centric.
 */
export function runClassic(p: VectorProblem, name: ClassicHeuristic): VectorSolution {
  switch (name) {
    case 'ffd-max': return firstFit(p, orderBy(p, 'max'));
    case 'ffd-sum': return firstFit(p, orderBy(p, 'sum'));
    case 'ffd-product': return firstFit(p, orderBy(p, 'product'));
    case 'ffd-l2': return firstFit(p, orderBy(p, 'l2'));
    case 'bc-dot-product': return binCentric(p, 'dot');
    case 'bc-l2': return binCentric(p, 'l2');
  }
}

/**
 * One classic heuristic on plain numbers, as a baseline for benchmarks: bins used and the bin
 * of every item (-1 for an item larger than a bin). No improvement phase.
 *
 * @example
 * packClassic([10, 10], [[6, 3], [4, 7], [4, 7], [6, 3]], 'ffd-l2').bins // => 2
 */
export function packClassic(capacity: readonly number[], items: readonly (readonly number[])[], name: ClassicHeuristic): { bins: number; assignment: number[] } {
  const s = runClassic(vectorProblem(capacity, items), name);
  return { bins: s.bins, assignment: Array.from(s.assignment) };
}
