import type { Farm, FarmHost } from './farm.js';
import { hostScores, type ResolvedScoring } from './scoring.js';
import type { Unit } from './units.js';

/**
 * The best candidate by score (ties: the first in id order). Consolidation opens a new host
 * only when no occupied host can take the unit, and then the one the unit fills least (the
 * largest), so that fewer hosts are needed in all.
 */
export function chooseHost(farm: Farm, u: Unit, candidates: readonly FarmHost[], scoring: ResolvedScoring): FarmHost {
  let pool = candidates;
  let s = scoring;
  if (scoring.goal === 'consolidate') {
    const occupied = candidates.filter((fh) => fh.vms.length > 0);
    if (occupied.length > 0) pool = occupied;
    else s = { ...scoring, goal: 'balance' };
  }
  const scores = hostScores(pool, pool.map((fh) => farm.demandOn(u.vms, fh)), s);
  let best = 0;
  for (let i = 1; i < pool.length; i++) if (scores[i]! > scores[best]! + 1e-12) best = i;
  return pool[best]!;
}
