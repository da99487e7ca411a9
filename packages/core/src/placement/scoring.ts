import { invalid } from '../errors.js';
import { RESOURCES, type Resource, type ResourceVector } from '../model/resources.js';
import type { Assumption } from '../plan/types.js';
import type { FarmHost } from './farm.js';
import { DEFAULT_RESOURCE_WEIGHTS, PLACEMENT_GOALS, type PlacementGoal, type ScoringOptions } from './types.js';

/** Scoring options with every default filled in (internal). */
export interface ResolvedScoring {
  readonly goal: PlacementGoal;
  readonly weights: Readonly<Record<Resource, number>>;
  readonly occupiedWeight: number;
}

/** Fills in and validates the scoring defaults. */
export function resolveScoring(o: ScoringOptions): ResolvedScoring {
  const goal = o.goal ?? 'consolidate';
  if (!PLACEMENT_GOALS.includes(goal)) invalid('options.goal', PLACEMENT_GOALS.join(' or '), goal);
  const weights = { ...DEFAULT_RESOURCE_WEIGHTS };
  for (const [r, w] of Object.entries(o.weights ?? {})) {
    if (!(RESOURCES as readonly string[]).includes(r)) invalid(`options.weights.${r}`, `a resource (${RESOURCES.join(', ')})`, r);
    if (typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w)) invalid(`options.weights.${r}`, 'a finite number >= 0', w);
    weights[r as Resource] = w;
  }
  const occupiedWeight = o.occupiedWeight ?? 1;
  if (!(occupiedWeight >= 0) || !Number.isFinite(occupiedWeight)) invalid('options.occupiedWeight', 'a finite number >= 0', occupiedWeight);
  return { goal, weights, occupiedWeight };
}

/** The scoring options as assumptions, for the plan's `assumptions`. */
export function scoringAssumptions(o: ScoringOptions, s: ResolvedScoring): Assumption[] {
  const out: Assumption[] = [
    { name: 'placement.goal', value: s.goal, source: o.goal === undefined ? 'hostplan default (SCVMM: resource maximisation)' : 'input', isDefault: o.goal === undefined },
  ];
  for (const r of RESOURCES) {
    const given = o.weights?.[r];
    out.push({ name: `placement.weights.${r}`, value: s.weights[r], source: given === undefined ? 'hostplan: SCVMM default priorities (CPU, memory, disk, network equal)' : 'input', isDefault: given === undefined });
  }
  out.push({ name: 'placement.occupiedWeight', value: s.occupiedWeight, source: o.occupiedWeight === undefined ? 'hostplan' : 'input', isDefault: o.occupiedWeight === undefined });
  return out;
}

/** Share of a limit used after adding `demand`; 0 where the limit is unlimited or zero. */
export function utilisationAfter(fh: FarmHost, demand: Readonly<ResourceVector>, r: Resource): number {
  const limit = fh.capacity.limits[r];
  return Number.isFinite(limit) && limit > 0 ? (fh.used[r] + demand[r]) / limit : 0;
}

/**
 * Scores candidate hosts (each passing every filter): one utilisation scorer per weighted
 * resource (pack: higher is better; spread: lower is better) and, for consolidation, an
 * "occupied" scorer; each min-max normalised over the candidates (1 when all are equal),
 * times its weight, summed and divided by the total weight: a score in 0..1 per candidate, in
 * a flat array (the hot path of placement, where only the best candidate is needed).
 * O(candidates x resources).
 *
 * @example
 * hostScores(candidates, demands, scoring) // => Float64Array [1, 0.25, 0.5]
 */
export function hostScores(candidates: readonly FarmHost[], demands: readonly Readonly<ResourceVector>[], s: ResolvedScoring): Float64Array {
  const n = candidates.length;
  const occupied = s.goal === 'consolidate' && s.occupiedWeight > 0;
  let total = 0;
  for (const r of RESOURCES) if (s.weights[r] > 0) total += s.weights[r];
  if (occupied) total += s.occupiedWeight;
  const scores = new Float64Array(n).fill(total > 0 ? 0 : 1);
  const raws = new Float64Array(n);
  const addScorer = (weight: number, spread: boolean) => {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = raws[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    for (let i = 0; i < n; i++) {
      const v = raws[i]!;
      const norm = max - min <= 1e-12 ? 1 : spread ? (max - v) / (max - min) : (v - min) / (max - min);
      scores[i]! += (weight * norm) / total;
    }
  };
  for (const r of RESOURCES) {
    if (!(s.weights[r] > 0)) continue;
    for (let i = 0; i < n; i++) raws[i] = utilisationAfter(candidates[i]!, demands[i]!, r);
    addScorer(s.weights[r], s.goal === 'balance');
  }
  if (occupied) {
    for (let i = 0; i < n; i++) raws[i] = candidates[i]!.vms.length > 0 ? 1 : 0;
    addScorer(s.occupiedWeight, false);
  }
  return scores;
}

/** Stars for a suitable host: the 0..1 score in half steps of 0.5..5 (0 is kept for unsuitable hosts). */
export function starsOf(score: number): number {
  return Math.max(0.5, Math.round(score * 10) / 2);
}
