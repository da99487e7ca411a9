import { RESOURCE_LABELS } from '../model/resources.js';
import { scorerResource } from './absoluteScore.js';
import type { RatingDifference, ScorerContribution } from './types.js';

/** What {@link explainRating} needs of a rating (internal). */
export interface RatingFigures {
  readonly host: string;
  readonly stars: number;
  readonly score: number;
  readonly contributions: readonly ScorerContribution[];
  readonly changes: readonly string[];
}

/** Goodness gaps below this (0.05 percentage points) are not named: they print as the same figure. */
const SAME_FIGURE = 5e-4;

/** Largest number of differences named in an explanation sentence. */
const NAMED_DIFFERENCES = 3;

/** Two shares as percentages that differ in print when they differ by 0.05 points or more. */
function percents(a: number, b: number): [string, string] {
  const digits = Math.round(a * 100) === Math.round(b * 100) ? 1 : 0;
  return [`${(a * 100).toFixed(digits)} %`, `${(b * 100).toFixed(digits)} %`];
}

/** `memory after placement 64 %` or the occupied scorer in words. */
function figure(c: ScorerContribution, pct: string): string {
  const resource = scorerResource(c.scorer);
  return resource === null ? (c.raw > 0 ? 'already runs VMs' : 'runs no VMs yet') : `${RESOURCE_LABELS[resource]} after placement ${pct}`;
}

/**
 * The figures that separate a host from the best one (internal), largest loss first: each
 * scorer both have on which this host's goodness is lower; a scorer only this host has (a
 * resource with no limit on the best host) whose goodness is below the best host's score; a
 * scorer only the best host has whose goodness is above this host's score. When a host scores
 * lower than the best, at least one of these exists (the score is a weighted mean of the
 * goodness values). O(scorers^2).
 */
export function differencesFromBest(r: RatingFigures, best: RatingFigures): RatingDifference[] {
  const out: RatingDifference[] = [];
  const total = r.contributions.reduce((a, c) => a + c.weight, 0) || 1;
  for (const c of r.contributions) {
    const b = best.contributions.find((x) => x.scorer === c.scorer);
    if (b) {
      if (!(b.normalized - c.normalized > SAME_FIGURE)) continue;
      const resource = scorerResource(c.scorer);
      const [mine, theirs] = percents(c.raw, b.raw);
      const message = resource === null ? `runs no VMs yet (${best.host} does)` : `${figure(c, mine)} vs ${theirs} on ${best.host}`;
      out.push({ scorer: c.scorer, value: c.raw, bestValue: b.raw, scoreGap: (c.weight * (b.normalized - c.normalized)) / total, message });
    } else if (best.score - c.normalized > 1e-9) {
      const message = `${figure(c, percents(c.raw, c.raw)[0])} (no limit on ${best.host}, left out of its score)`;
      out.push({ scorer: c.scorer, value: c.raw, bestValue: Number.NaN, scoreGap: (c.weight * (best.score - c.normalized)) / total, message });
    }
  }
  for (const b of best.contributions) {
    if (r.contributions.some((x) => x.scorer === b.scorer) || !(b.normalized - r.score > 1e-9)) continue;
    const resource = scorerResource(b.scorer);
    const label = resource === null ? b.scorer : RESOURCE_LABELS[resource];
    const message = `${label} has no limit here, left out of the score (${figure(b, percents(b.raw, b.raw)[0])} on ${best.host})`;
    out.push({ scorer: b.scorer, value: Number.NaN, bestValue: b.raw, scoreGap: (b.weight * (b.normalized - r.score)) / total, message });
  }
  return out.sort((a, b) => b.scoreGap - a.scoreGap);
}

/**
 * One sentence per host (internal): for the recommended host its figures after placement; for
 * another suitable host the figures that separate it from the best; for a zero-star host what
 * would have to change.
 */
export function explainRating(r: RatingFigures, best: RatingFigures | null, differences: readonly RatingDifference[], vm: string): string {
  if (r.stars === 0) return `cannot take ${vm}: ${r.changes.join('; ')}`;
  if (best === null || best.host === r.host) {
    const figures = r.contributions.map((c) => figure(c, percents(c.raw, c.raw)[0]));
    return `recommended, ${r.stars} stars: ${figures.length > 0 ? figures.join(', ') : 'no weighted resource has a limit here, a neutral score'}`;
  }
  const head = `${r.stars} stars vs ${best.stars} on ${best.host}`;
  if (differences.length === 0 && r.score === best.score) return `${head}: the same figures as ${best.host}; ties are ranked by host id`;
  if (differences.length === 0) return `${head}: within 0.05 percentage points of ${best.host} on every figure; ranked after it by score, then host id`;
  const named = differences.slice(0, NAMED_DIFFERENCES).map((d) => d.message);
  const more = differences.length - named.length;
  return `${head}: ${named.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}
