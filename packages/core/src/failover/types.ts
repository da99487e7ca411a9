import type { Host } from '../model/host.js';
import type { ResolvedPolicy, Policy } from '../model/policy.js';
import type { Resource, ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Assumption, Placement, Unplaced } from '../plan/types.js';

/** What a re-placement engine is asked: put `displaced` VMs onto the hosts not marked unavailable, the `pinned` ones staying put. */
export interface ReplaceRequest {
  /** Every host of the cluster; failed hosts are marked `unavailable`. */
  readonly hosts: readonly Host[];
  /** Every VM of the cluster (pinned and displaced). */
  readonly vms: readonly Vm[];
  /** VMs that stay where they are. */
  readonly pinned: readonly Placement[];
  /** Ids of the VMs to restart elsewhere. */
  readonly displaced: readonly string[];
  /** Where the displaced VMs ran before the failure, when known. */
  readonly from?: readonly Placement[];
  readonly policy: ResolvedPolicy;
}

/** Where the displaced VMs restart, and those that fit nowhere with per-host reasons. */
export interface ReplaceResult {
  readonly placements: readonly Placement[];
  readonly unplaced: readonly Unplaced[];
}

/** A re-placement engine (the placement engine, or the built-in best fit). */
export type Replacer = (request: ReplaceRequest) => ReplaceResult;

/** One failure set and what happens to the failed hosts' VMs. */
export interface FailoverScenario {
  readonly cluster: string;
  readonly failed: readonly string[];
  /** Where each displaced VM restarts (the others stay where they are). */
  readonly placements: readonly Placement[];
  readonly unplaced: readonly Unplaced[];
  /** Highest used / limit per resource over the survivors after the restart. */
  readonly peakUtilization: Readonly<Record<Resource, number>>;
  /** The resource nearest its limit after the restart (or most often short for the unplaced). */
  readonly binding: Resource | null;
  /** `exhaustive`, `most-loaded` or `sampled`: how this set was chosen. */
  readonly chosenAs: 'exhaustive' | 'most-loaded' | 'sampled';
  /** Surviving hosts left with nothing free of a resource after the restart (absent when none). */
  readonly saturated?: readonly { readonly host: string; readonly resource: Resource }[];
}

/** How a cluster's failure sets were covered. */
export interface ClusterCoverage {
  readonly cluster: string;
  readonly hosts: readonly string[];
  readonly vms: number;
  /** Number of k-host failure sets, C(hosts, k). */
  readonly sets: number;
  readonly checked: number;
  readonly exhaustive: boolean;
  readonly mostLoaded: number;
  readonly sampled: number;
  /** True only when the verdict is `met`. */
  readonly tolerates: boolean;
  /** `met` (proven), `not met` (a failure set left VMs unplaced) or `not proven` (sets left unchecked, no argument covers them). */
  readonly verdict: FailoverVerdict;
  /** What proves a `met`: every set re-placed (`exhaustive`), or the passive-host argument (see `passiveArgument`); null otherwise. */
  readonly proof: 'exhaustive' | 'passive-hosts' | null;
  /** The empty hosts the passive-host argument relies on, when it is the proof. */
  readonly passiveHosts?: readonly string[];
  /** True when the check stopped after `maxFailingScenarios` failing sets (the verdict is settled). */
  readonly stoppedEarly: boolean;
}

/** A failover verdict: proven met, shown not met by a failing set, or not proven. */
export type FailoverVerdict = 'met' | 'not met' | 'not proven';

/** What another rule concludes on the same farm, and how it compares with re-placement. */
export interface RuleComparison<D> {
  readonly tolerates: boolean;
  /** `agrees`, or how the rule errs against re-placement. */
  readonly verdict: 'agrees' | 'too conservative' | 'too optimistic';
  readonly clusters: readonly D[];
}

/** The seed's rule on one cluster: the passive capacity must hold the load of the k most heavily used nodes. */
export interface SeedRuleCluster {
  readonly cluster: string;
  readonly tolerates: boolean;
  /** `passive-nodes` when the cluster has empty hosts; otherwise the spare capacity of the other hosts. */
  readonly basis: 'passive-nodes' | 'spare-capacity';
  readonly heaviest: readonly string[];
  readonly passive: readonly string[];
  readonly required: ResourceVector;
  readonly available: ResourceVector;
  readonly binding: Resource | null;
  readonly rule: string;
}

/** VMware HA's slot policy on one cluster. */
export interface SlotPolicyCluster {
  readonly cluster: string;
  readonly tolerates: boolean;
  readonly slotCpuGHz: number;
  readonly slotMemoryMB: number;
  readonly slotsPerHost: Readonly<Record<string, number>>;
  /** Slots left after losing the k hosts with the most slots. */
  readonly slotsAfterFailure: number;
  readonly vms: number;
  readonly rule: string;
}

/** Options of `checkFailover`. */
export interface FailoverOptions {
  /** The VMs of the plan (the plan names them by id). */
  readonly vms: readonly Vm[];
  /** Host failures to survive. @defaultValue 1 */
  readonly k?: number;
  /** Reserves, overcommit ratios and limits of the hosts. @defaultValue {@link POLICY_DEFAULTS} */
  readonly policy?: Policy | ResolvedPolicy;
  /**
   * Failure sets checked per cluster before falling back to most-loaded sets plus a seeded
   * sample; a sampled cluster is `not proven` unless the passive-host argument covers it.
   * @defaultValue 100000
   */
  readonly maxScenarios?: number;
  /** Seed of the sample (core has no randomness of its own). @defaultValue 1 */
  readonly seed?: number;
  /**
   * Failing sets per cluster after which the check stops: one failing set already means the
   * cluster does not tolerate k, and a farm far from k would otherwise re-place every set.
   * `exhaustive` is then false and the coverage says `stoppedEarly`. @defaultValue 25
   */
  readonly maxFailingScenarios?: number;
  /**
   * Called after each failure set is re-placed, for a progress bar: `done` of `total` sets to
   * check over all clusters (a cluster that stops early skips the rest). @defaultValue none
   */
  readonly onProgress?: (done: number, total: number) => void;
  /** The re-placement engine. @defaultValue {@link DEFAULT_REPLACE}: best fit, then `placeVms`, then whole hosts as blocks */
  readonly replace?: Replacer;
  /** Smallest CPU slot, GHz (VMware's default reservation of 32 MHz). @defaultValue 0.032 */
  readonly minSlotCpuGHz?: number;
}

/** The answer of `checkFailover`. */
export interface FailoverResult {
  readonly k: number;
  /**
   * True only when proven: every failure set of every cluster re-placed with no VM left over,
   * or (for a cluster with too many sets) the passive-host argument; see `verdict`.
   */
  readonly tolerates: boolean;
  /** `met` when every cluster is proven, `not met` when a set failed, else `not proven`. */
  readonly verdict: FailoverVerdict;
  /** Failure sets re-placed / in all, over every cluster. */
  readonly coverage: { readonly checked: number; readonly total: number };
  /** How the verdict was reached, in words. */
  readonly proof: string;
  /** True when every failure set of every cluster was checked. */
  readonly exhaustive: boolean;
  /** Warnings on a verdict, e.g. hosts left with nothing free of a resource after a failure. */
  readonly warnings: readonly string[];
  readonly scenarios: readonly FailoverScenario[];
  /** The scenario with the most unplaced VMs, then the highest peak utilisation. */
  readonly worst: FailoverScenario | null;
  readonly binding: Resource | null;
  readonly clusters: readonly ClusterCoverage[];
  readonly comparisons: { readonly seedRule: RuleComparison<SeedRuleCluster>; readonly slotPolicy: RuleComparison<SlotPolicyCluster> };
  readonly assumptions: readonly Assumption[];
}
