import { fitsEmpty, normalizeSolution, type VectorProblem, type VectorSolution } from './problem.js';

/**
 * Bin-centric dot-product greedy for large instances, in O(n log n) per pass instead of
 * O(n^2): items are grouped into buckets by direction (dominant dimension, second dimension,
 * and their ratio in `levels` steps), each bucket sorted by decreasing size and held in a
 * segment tree of component-wise minimum sizes. Filling a bin, each bucket offers its largest
 * item that fits (the leftmost fitting leaf); the offer with the largest dot product with the
 * bin's remaining capacity (sizes divided by capacity) is taken, as in Panigrahy et al.'s
 * DotProduct rule. O(n x buckets x log n x d) typical.
 */
export function bucketFill(p: VectorProblem, levels = p.d <= 4 ? 4 : 2): VectorSolution {
  const { d, n, cap, tol, w, u } = p;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!fitsEmpty(p, i)) continue;
    let a = 0;
    for (let k = 1; k < d; k++) if (u[i * d + k]! > u[i * d + a]!) a = k;
    let b = a === 0 ? (d > 1 ? 1 : 0) : 0;
    for (let k = 0; k < d; k++) if (k !== a && u[i * d + k]! > u[i * d + b]!) b = k;
    const ua = u[i * d + a]!;
    const q = ua > 0 && d > 1 ? Math.min(levels - 1, Math.floor((u[i * d + b]! / ua) * levels)) : 0;
    const key = (a * d + b) * levels + q;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const buckets = [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([, items]) => {
    items.sort((x, y) => p.vol[y]! - p.vol[x]! || x - y);
    return new MinTree(items, w, d);
  });
  const assignment = new Int32Array(n).fill(-1);
  const free = new Float64Array(d);
  const limit = new Float64Array(d);
  let left = buckets.reduce((s, b) => s + b.alive, 0);
  let bin = 0;
  while (left > 0) {
    for (let k = 0; k < d; k++) free[k] = cap[k]!;
    for (;;) {
      for (let k = 0; k < d; k++) limit[k] = free[k]! + tol[k]!;
      let bestB = -1;
      let bestLeaf = -1;
      let bestScore = -Infinity;
      for (let bi = 0; bi < buckets.length; bi++) {
        const t = buckets[bi]!;
        if (t.alive === 0) continue;
        const leaf = t.leftmostFit(limit);
        if (leaf < 0) continue;
        const i = t.items[leaf]!;
        let score = 0;
        for (let k = 0; k < d; k++) score += u[i * d + k]! * (free[k]! / cap[k]!);
        if (score > bestScore) { bestScore = score; bestB = bi; bestLeaf = leaf; }
      }
      if (bestB < 0) break;
      const t = buckets[bestB]!;
      const i = t.items[bestLeaf]!;
      t.remove(bestLeaf);
      left--;
      assignment[i] = bin;
      for (let k = 0; k < d; k++) free[k]! -= w[i * d + k]!;
    }
    bin++;
  }
  return normalizeSolution(assignment);
}

/** A segment tree over a bucket's items holding the component-wise minimum size of live items. */
class MinTree {
  readonly size: number;
  readonly mins: Float64Array;
  alive: number;
  constructor(readonly items: readonly number[], w: Float64Array, readonly d: number) {
    let size = 1;
    while (size < items.length) size *= 2;
    this.size = size;
    this.alive = items.length;
    this.mins = new Float64Array(2 * size * d).fill(Infinity);
    items.forEach((i, j) => { for (let k = 0; k < d; k++) this.mins[(size + j) * d + k] = w[i * d + k]!; });
    for (let node = size - 1; node >= 1; node--) this.pull(node);
  }
  private pull(node: number): void {
    const { d, mins } = this;
    for (let k = 0; k < d; k++) mins[node * d + k] = Math.min(mins[2 * node * d + k]!, mins[(2 * node + 1) * d + k]!);
  }
  remove(leaf: number): void {
    let node = this.size + leaf;
    for (let k = 0; k < this.d; k++) this.mins[node * this.d + k] = Infinity;
    for (node >>= 1; node >= 1; node >>= 1) this.pull(node);
    this.alive--;
  }
  /** Index of the leftmost live item that fits under `limit` on every dimension, or -1. */
  leftmostFit(limit: Float64Array): number {
    return this.search(1, limit);
  }
  private search(node: number, limit: Float64Array): number {
    const { d, mins } = this;
    for (let k = 0; k < d; k++) if (mins[node * d + k]! > limit[k]!) return -1;
    if (node >= this.size) return node - this.size;
    const l = this.search(2 * node, limit);
    return l >= 0 ? l : this.search(2 * node + 1, limit);
  }
}
