import type { Host } from '../model/host.js';
import type { Resource } from '../model/resources.js';
import type { Placement, Unplaced } from '../plan/types.js';
import { checkFailover } from './checkFailover.js';
import type { FailoverOptions, FailoverResult, FailoverVerdict } from './types.js';
import { asHosts, asVms } from '../input/normalise.js';

/** A short account of a failover check, for summaries and reports. */
export interface FailoverSummary {
  /** Host failures per cluster the plan survives (the largest j <= k checked that holds). */
  readonly toleratedFailures: number;
  readonly requiredFailures: number;
  /** True only when proven (see `verdict`). */
  readonly met: boolean;
  /** `met`, `not met` or `not proven` (sets left unchecked and no argument covers them). */
  readonly verdict: FailoverVerdict;
  /** How the verdict was reached, in words. */
  readonly proof: string;
  /** Failure sets re-placed / in all, over every cluster. */
  readonly coverage: { readonly checked: number; readonly total: number };
  readonly exhaustive: boolean;
  /** Warnings on the verdict (e.g. no headroom left after a failure). */
  readonly warnings: readonly string[];
  readonly worstScenario: { readonly failedHosts: readonly string[]; readonly binding: Resource | null; readonly description: string } | null;
  /** VMs that would not restart anywhere in the worst scenario. */
  readonly notRestarted: readonly Unplaced[];
}

/**
 * Checks failover for k (see `checkFailover`) and, when k is not met, for k - 1, k - 2... down
 * to the largest number of failures the plan does survive; returns the full result for k and
 * a short summary. This is what `hostplan plan --failover K` calls.
 *
 * @example
 * const { result, summary } = failoverReport(hosts, plan, { vms, k: 2 });
 * summary // => { toleratedFailures: 1, requiredFailures: 2, met: false, verdict: 'not met', worstScenario: { failedHosts: ['h1', 'h3'], ... }, ... }
 */
export function failoverReport(hosts: readonly Host[], plan: { readonly placements: readonly Placement[] }, options: FailoverOptions): { result: FailoverResult; summary: FailoverSummary } {
  hosts = asHosts(hosts, 'hosts');
  options = { ...options, vms: asVms(options.vms, 'options.vms') };
  const result = checkFailover(hosts, plan, options);
  let tolerated = result.tolerates ? result.k : 0;
  for (let j = result.k - 1; !result.tolerates && j >= 1; j--) {
    if (checkFailover(hosts, plan, { ...options, k: j }).tolerates) {
      tolerated = j;
      break;
    }
  }
  const w = result.worst;
  return {
    result,
    summary: {
      toleratedFailures: tolerated,
      requiredFailures: result.k,
      met: result.tolerates,
      verdict: result.verdict,
      proof: result.proof,
      coverage: result.coverage,
      exhaustive: result.exhaustive,
      warnings: result.warnings,
      worstScenario: w && {
        failedHosts: w.failed,
        binding: w.binding,
        description: w.unplaced.length
          ? `${w.failed.join(' + ')} down: ${w.unplaced.length} VM${w.unplaced.length === 1 ? '' : 's'} cannot restart (${w.binding ?? 'rules'} binds)`
          : `${w.failed.join(' + ')} down: every VM restarts; peak ${w.binding ?? 'use'} ${Math.round(100 * (w.binding ? w.peakUtilization[w.binding] : 0))} %`,
      },
      notRestarted: w?.unplaced ?? [],
    },
  };
}
