import { formatDecimal } from '../format/numbers.js';
import { RESOURCES, type Resource } from '../model/resources.js';
import type { Placement, Reason } from '../plan/types.js';
import type { FailoverResult, FailoverScenario } from './types.js';

/** One failure set as an operator would follow it: where each VM of the failed hosts restarts, and what would not. */
export interface RunbookScenario {
  readonly cluster: string;
  readonly failed: readonly string[];
  /** Each displaced VM, the failed host it ran on and the host it restarts on. */
  readonly placements: readonly { readonly vm: string; readonly from: string; readonly host: string }[];
  /** VMs that would restart nowhere, with a reason per host. */
  readonly unplaced: readonly { readonly vm: string; readonly from: string; readonly reasons: readonly Reason[] }[];
  readonly binding: Resource | null;
  readonly peakUtilization: Readonly<Record<Resource, number>>;
}

/** The runbook of a failover check: the worst failure sets first, at most `maxScenarios` of them. */
export interface FailoverRunbook {
  /** Failure sets checked (the verdict covers all of them). */
  readonly total: number;
  readonly shown: number;
  /** How the shown sets were chosen, when not all are shown. */
  readonly note: string | null;
  readonly scenarios: readonly RunbookScenario[];
}

/** Options of `failoverRunbook`. */
export interface RunbookOptions {
  /** Failure sets to list, worst first. @defaultValue 1000 */
  readonly maxScenarios?: number;
}

/** Default number of failure sets a runbook lists. */
export const RUNBOOK_DEFAULT_SCENARIOS = 1000;

const peakOf = (s: FailoverScenario) => Math.max(0, ...RESOURCES.map((r) => s.peakUtilization[r]));

/**
 * The failure sets of a check as a runbook, worst first (most VMs that would not restart, then
 * the highest use after the restart, then the order checked), each VM with the host it ran on
 * and the host it restarts on; at most `maxScenarios` sets, with a note saying how many of how
 * many are listed. O(scenarios log scenarios + placements).
 *
 * @example
 * const rb = failoverRunbook(checkFailover(hosts, plan, { vms, k: 1 }), plan);
 * rb.scenarios[0] // => { cluster: 'cluster-1', failed: ['h2'], placements: [{ vm: 'v3', from: 'h2', host: 'h1' }], unplaced: [], ... }
 */
export function failoverRunbook(result: Pick<FailoverResult, 'scenarios'>, plan: { readonly placements: readonly Placement[] }, options: RunbookOptions = {}): FailoverRunbook {
  const max = options.maxScenarios ?? RUNBOOK_DEFAULT_SCENARIOS;
  const from = new Map(plan.placements.map((p) => [p.vm, p.host]));
  const order = result.scenarios.map((s, i) => ({ s, i, lost: s.unplaced.length, peak: peakOf(s) }))
    .sort((a, b) => b.lost - a.lost || b.peak - a.peak || a.i - b.i)
    .slice(0, max);
  const total = result.scenarios.length;
  return {
    total, shown: order.length,
    note: order.length < total ? `the ${formatDecimal(order.length)} worst of ${formatDecimal(total)} failure sets checked (most VMs not restarted, then highest use after the restart); the verdict covers all of them` : null,
    scenarios: order.map(({ s }) => ({
      cluster: s.cluster, failed: s.failed, binding: s.binding, peakUtilization: s.peakUtilization,
      placements: s.placements.map((p) => ({ vm: p.vm, from: from.get(p.vm) ?? '', host: p.host })),
      unplaced: s.unplaced.map((u) => ({ vm: u.vm, from: from.get(u.vm) ?? '', reasons: u.reasons })),
    })),
  };
}
