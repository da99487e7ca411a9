import { RESOURCES, type Resource, type ResourceVector } from '../model/resources.js';
import type { ResolvedScoring } from './scoring.js';
import type { ScorerContribution } from './types.js';

/** Score given when no weighted factor applies (no weighted resource with a finite limit): 2.5 stars, nothing to tell hosts apart. */
export const NEUTRAL_SCORE = 0.5;

/**
 * A host's absolute rating score for one VM (internal): a function of that host's limits, its
 * use, the VM's demand and the goal alone, never of the other candidates. Each weighted
 * resource with a finite, positive limit is one factor; its utilisation after placement `u`
 * (capped at 1) counts as `1 - u` under `balance` (headroom left: SCVMM's load balancing) and
 * as `u` under `consolidate` (fullness: SCVMM's resource maximisation), where the host already
 * running VMs adds an "occupied" factor (1 or 0) of weight `occupiedWeight`. The score is the
 * weighted mean of the factors, in 0..1; {@link NEUTRAL_SCORE} when no factor applies.
 * Resources with no limit (no storage or NIC section) are left out, not scored as equal.
 * O(resources).
 */
export function absoluteScore(
  limits: Readonly<ResourceVector>, used: Readonly<ResourceVector>, demand: Readonly<ResourceVector>,
  occupied: boolean, s: ResolvedScoring, explain: boolean,
): { score: number; contributions: ScorerContribution[] } {
  let sum = 0;
  let total = 0;
  const parts: { scorer: string; weight: number; raw: number; normalized: number }[] = [];
  for (const r of RESOURCES) {
    const w = s.weights[r];
    const limit = limits[r];
    if (!(w > 0) || !(limit > 0) || limit === Infinity) continue;
    const u = Math.min(1, Math.max(0, (used[r] + demand[r]) / limit));
    const value = s.goal === 'balance' ? 1 - u : u;
    sum += w * value;
    total += w;
    if (explain) parts.push({ scorer: `${r} utilisation`, weight: w, raw: u, normalized: value });
  }
  if (s.goal === 'consolidate' && s.occupiedWeight > 0) {
    const value = occupied ? 1 : 0;
    sum += s.occupiedWeight * value;
    total += s.occupiedWeight;
    if (explain) parts.push({ scorer: 'occupied', weight: s.occupiedWeight, raw: value, normalized: value });
  }
  if (total === 0) return { score: NEUTRAL_SCORE, contributions: [] };
  return { score: sum / total, contributions: parts.map((p) => ({ ...p, contribution: (p.weight * p.normalized) / total })) };
}

/** The resource a `<resource> utilisation` scorer is about, or null for `occupied`. */
export function scorerResource(scorer: string): Resource | null {
  const r = scorer.split(' ')[0] as Resource;
  return scorer.endsWith(' utilisation') && (RESOURCES as readonly string[]).includes(r) ? r : null;
}
