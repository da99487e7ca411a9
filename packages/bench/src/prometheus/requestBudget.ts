import { HostplanError } from '@hostplan/core';
import { PrometheusError } from './errors.js';
import { promWindowPoints } from './time.js';
import type { PromWindow } from './types.js';

/**
 * Default cap on the HTTP requests of one run (every query, every pass): a year at a 1-minute
 * step is 48 requests per series group, so 10,000 leaves room for large fleets while
 * `--from 1970 --step 1s` (about 161,000 requests) is refused before the first one.
 */
export const PROM_MAX_REQUESTS = 10_000;

/** Requests a run has sent and may send, shared by its queries (and by replays). */
export interface PromRequestBudget {
  used: number;
  readonly max: number;
}

/**
 * A fresh budget of `max` requests.
 *
 * @example
 * promRequestBudget(100) // => { used: 0, max: 100 }
 */
export function promRequestBudget(max = PROM_MAX_REQUESTS): PromRequestBudget {
  if (!Number.isInteger(max) || max < 1) {
    throw new HostplanError('invalid-value', 'maxRequests', `expected a whole number of requests >= 1, got ${max}`, 'a whole number >= 1', max);
  }
  return { used: 0, max };
}

/**
 * Refuses, before any request, a raw-mode run whose window cannot take fewer requests than the
 * budget allows: each query needs at least one request per `maxPointsPerChunk` steps.
 *
 * @example
 * checkPromRequestCount({ startMs: 0, endMs: 86_400_000, stepMs: 1000 }, 2, 11_000, promRequestBudget(100)) // ok: 2 x 8 = 16 requests
 */
export function checkPromRequestCount(window: PromWindow, queries: number, maxPointsPerChunk: number, budget: PromRequestBudget): void {
  const points = promWindowPoints(window);
  const perQuery = Math.ceil(points / maxPointsPerChunk);
  const least = perQuery * queries;
  if (budget.used + least > budget.max) {
    throw new PrometheusError(
      'too-many-requests',
      'window',
      `the window ${new Date(window.startMs).toISOString()} .. ${new Date(window.endMs).toISOString()} at a step of ${window.stepMs / 1000} s holds ${points} points per series: ` +
        `at least ${least} requests (${perQuery} per query of ${maxPointsPerChunk} points, ${queries} ${queries === 1 ? 'query' : 'queries'}), above the cap of ${budget.max} requests per run (maxRequests, --max-requests); ` +
        `use a larger step or a shorter window, push-down mode, or raise the cap`,
    );
  }
}

/**
 * Counts one more request, or throws when the budget is spent (a fleet larger than the first
 * request showed can need more requests than {@link checkPromRequestCount} foresaw).
 *
 * @example
 * const b = promRequestBudget(1); spendPromRequest(b, 'up'); b.used // => 1
 */
export function spendPromRequest(budget: PromRequestBudget, query: string): void {
  if (budget.used >= budget.max) {
    throw new PrometheusError('too-many-requests', 'maxRequests', `${query}: the run has sent its ${budget.max} requests (maxRequests, --max-requests) and the window is not complete; use a larger step, a shorter window, push-down mode, or raise the cap`);
  }
  budget.used++;
}
