import { seededRandom } from './prng.js';
import { normalizeSolution, type VectorProblem, type VectorSolution } from './problem.js';

/** Budget and seed of the bin-elimination search. */
export interface EliminateOptions {
  /** Move evaluations allowed in total (an effort unit, not time). */
  readonly effort: number;
  /** Stop as soon as the solution reaches this many bins. */
  readonly lowerBound: number;
  /** Seed of the tie-breaking random source. */
  readonly seed: number;
  /** Move evaluations allowed for one attempt at removing one bin. @defaultValue effort / 2 */
  readonly attemptEffort?: number;
  /** On instances with more bins, an attempt works only on this many least-filled bins. @defaultValue 256 */
  readonly sampleBins?: number;
  /** Score moves by squared item volume (favours moving large items out of the pool). @defaultValue false */
  readonly squared?: boolean;
}

/** What the search did. */
export interface EliminateResult {
  readonly solution: VectorSolution;
  readonly effortUsed: number;
  readonly binsRemoved: number;
}

interface Bin { items: number[]; load: Float64Array; vol: number }

/**
 * Bin elimination by consistent-neighbourhood tabu search (after Buljubasic & Vasquez 2016):
 * empty the least-filled bin into a pool, then alternate (1) direct insertion of pool items
 * (best fit) and (2) the best non-tabu swap of one or two pool items against zero, one or
 * two items of a bin, scored by the volume moved out of the pool, until the pool is empty
 * (one bin fewer: keep it and go on) or the attempt's effort is spent (restore the last
 * complete packing). Never returns more bins than it was given. Cost bounded by `effort`
 * move evaluations.
 */
export function eliminateBins(p: VectorProblem, start: VectorSolution, options: EliminateOptions): EliminateResult {
  const { d, cap, tol, w } = p;
  const vol = options.squared !== true ? p.vol : p.vol.map((v) => v * v);
  const rng = seededRandom(options.seed);
  let best = start;
  let used = 0;
  let removed = 0;
  const attemptEffort = options.attemptEffort ?? Math.max(1, options.effort / 2);
  const sampleBins = options.sampleBins ?? 256;
  let victimRank = 0;
  while (best.bins > options.lowerBound && used < options.effort) {
    const bins = toBins(p, best);
    if (bins.length === 0) break;
    const byVol = bins.map((b, i) => i).sort((a, b) => bins[a]!.vol - bins[b]!.vol || bins[a]!.items.length - bins[b]!.items.length || a - b);
    if (victimRank >= Math.min(3, byVol.length)) break;
    const victim = byVol[victimRank]!;
    const pool = bins[victim]!.items.slice();
    bins[victim] = bins[bins.length - 1]!;
    bins.pop();
    const budget = Math.min(attemptEffort, options.effort - used);
    // on large instances, work on the least-filled bins only (the others are nearly full)
    const region = bins.length <= sampleBins ? bins : bins.map((b, i) => i).sort((a, b) => bins[a]!.vol - bins[b]!.vol || a - b).slice(0, sampleBins).map((i) => bins[i]!);
    const spent = searchPool(region, pool, budget);
    used += spent.effort;
    if (spent.ok) {
      const assignment = new Int32Array(p.n).fill(-1);
      bins.forEach((b, bi) => { for (const i of b.items) assignment[i] = bi; });
      best = normalizeSolution(assignment);
      removed++;
      victimRank = 0;
    } else {
      victimRank++;
    }
  }
  return { solution: best, effortUsed: used, binsRemoved: removed };

  function searchPool(bins: Bin[], pool: number[], budget: number): { ok: boolean; effort: number } {
    const tabuUntil = new Map<number, number>();
    let effort = 0;
    const need = new Float64Array(d);
    for (let iter = 0; effort < budget; iter++) {
      // (1) direct insertion, largest pool item first, into the fullest bin where it fits
      pool.sort((a, b) => vol[b]! - vol[a]! || a - b);
      for (let j = 0; j < pool.length; j++) {
        const t = pool[j]!;
        let target = -1;
        let targetVol = -1;
        for (let bi = 0; bi < bins.length; bi++) {
          const b = bins[bi]!;
          effort++;
          if (b.vol > targetVol && fitsWith(b.load, t)) { target = bi; targetVol = b.vol; }
        }
        if (target >= 0) {
          add(bins[target]!, t);
          tabuUntil.set(t, iter + 3);
          pool.splice(j, 1);
          j--;
        }
      }
      if (pool.length === 0) return { ok: true, effort };
      // (2) best non-tabu swap: T (1 or 2 pool items) into bin b, S (1 or 2 of b's items) out
      let bestGain = -Infinity;
      let mv: { b: number; t: number[]; s: number[] } | null = null;
      const ts: number[][] = pool.map((t) => [t]);
      if (pool.length <= 24) for (let a = 0; a < pool.length; a++) for (let c = a + 1; c < pool.length; c++) ts.push([pool[a]!, pool[c]!]);
      for (let bi = 0; bi < bins.length; bi++) {
        const b = bins[bi]!;
        const its = b.items;
        for (const T of ts) {
          let volT = 0;
          let needAny = false;
          for (let k = 0; k < d; k++) {
            let x = b.load[k]! - cap[k]! - tol[k]!;
            for (const t of T) x += w[t * d + k]!;
            need[k] = x;
            if (x > 0) needAny = true;
          }
          for (const t of T) volT += vol[t]!;
          if (!needAny) continue; // would have been inserted directly (only possible for pairs)
          for (let x = 0; x < its.length; x++) {
            const s1 = its[x]!;
            if ((tabuUntil.get(s1) ?? -1) > iter) continue;
            effort++;
            let ok1 = true;
            for (let k = 0; k < d; k++) if (need[k]! > 0 && w[s1 * d + k]! < need[k]!) { ok1 = false; break; }
            const g1 = volT - vol[s1]!;
            if (ok1 && (g1 > bestGain || (g1 === bestGain && rng() < 0.5))) { bestGain = g1; mv = { b: bi, t: T, s: [s1] }; }
            if (its.length > 40) continue;
            for (let y = x + 1; y < its.length; y++) {
              const s2 = its[y]!;
              if ((tabuUntil.get(s2) ?? -1) > iter) continue;
              const g2 = g1 - vol[s2]!;
              if (g2 < bestGain) continue;
              effort++;
              let ok2 = true;
              for (let k = 0; k < d; k++) if (need[k]! > 0 && w[s1 * d + k]! + w[s2 * d + k]! < need[k]!) { ok2 = false; break; }
              if (ok2 && (g2 > bestGain || rng() < 0.5)) { bestGain = g2; mv = { b: bi, t: T, s: [s1, s2] }; }
            }
          }
        }
        if (effort >= budget) break;
      }
      if (!mv) return { ok: false, effort };
      const b = bins[mv.b]!;
      for (const s of mv.s) { remove(b, s); pool.push(s); }
      for (const t of mv.t) {
        add(b, t);
        pool.splice(pool.indexOf(t), 1);
        tabuUntil.set(t, iter + 5 + Math.floor(rng() * 10));
      }
    }
    return { ok: false, effort };
  }

  function fitsWith(load: Float64Array, t: number): boolean {
    for (let k = 0; k < d; k++) if (load[k]! + w[t * d + k]! > cap[k]! + tol[k]!) return false;
    return true;
  }
  function add(b: Bin, t: number): void {
    b.items.push(t);
    for (let k = 0; k < d; k++) b.load[k]! += w[t * d + k]!;
    b.vol += vol[t]!;
  }
  function remove(b: Bin, s: number): void {
    b.items.splice(b.items.indexOf(s), 1);
    for (let k = 0; k < d; k++) b.load[k]! -= w[s * d + k]!;
    b.vol -= vol[s]!;
  }
}

function toBins(p: VectorProblem, s: VectorSolution): Bin[] {
  const bins: Bin[] = Array.from({ length: s.bins }, () => ({ items: [], load: new Float64Array(p.d), vol: 0 }));
  for (let i = 0; i < p.n; i++) {
    const b = s.assignment[i]!;
    if (b < 0) continue;
    const bin = bins[b]!;
    bin.items.push(i);
    for (let k = 0; k < p.d; k++) bin.load[k]! += p.w[i * p.d + k]!;
    bin.vol += p.vol[i]!;
  }
  return bins;
}
