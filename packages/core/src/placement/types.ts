import type { Policy } from '../model/policy.js';
import type { Resource, ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Reason } from '../plan/types.js';
import type { CoincidenceOptions } from './coincidenceTypes.js';

/** What placement optimises: `consolidate` fills hosts (fewest hosts, SCVMM's resource maximisation), `balance` spreads load (SCVMM's load balancing). */
export type PlacementGoal = 'consolidate' | 'balance';
/**
 * Every {@link PlacementGoal}, for validating a `goal` option or listing the choices in help text.
 *
 * @example
 * PLACEMENT_GOALS.includes('balance') // => true
 */
export const PLACEMENT_GOALS: readonly PlacementGoal[] = ['consolidate', 'balance'];

/**
 * Per-resource weights of the utilisation scorers, like SCVMM's CPU, memory, disk and network
 * priorities; 0 switches a resource's scorer off (its capacity is still a hard filter).
 */
export type ResourceWeights = Partial<Record<Resource, number>>;

/** Default scorer weights: CPU, memory, disk I/O and network count equally (SCVMM's default priorities). */
export const DEFAULT_RESOURCE_WEIGHTS: Readonly<Record<Resource, number>> = { cpuGHz: 1, vcpus: 0, memoryMB: 1, iops: 1, storageGB: 0, networkMbps: 1, vms: 0 };

/** Options shared by {@link placeVms} and {@link rateHosts}. */
export interface ScoringOptions {
  /** Reserves, overcommit ratios and limits of the hosts. @defaultValue {@link POLICY_DEFAULTS} (each default listed in the plan's assumptions) */
  readonly policy?: Policy;
  /** @defaultValue 'consolidate' */
  readonly goal?: PlacementGoal;
  /** @defaultValue {@link DEFAULT_RESOURCE_WEIGHTS} */
  readonly weights?: ResourceWeights;
  /**
   * Weight of the "host already runs VMs" scorer, which keeps new hosts closed while
   * used ones have room; applies to `consolidate` only. @defaultValue 1
   */
  readonly occupiedWeight?: number;
}

/** A VM already running on a host: placed first, exactly there, whatever the filters say. */
export interface PinnedVm {
  readonly vm: string;
  readonly host: string;
}

/** Options of {@link placeVms}. */
export interface PlaceVmsOptions extends ScoringOptions {
  /**
   * VMs already running (ids from `vms`), placed on their host before anything else: the
   * incremental case, and the survivors of a failover test (mark failed hosts `unavailable`,
   * pin every VM of the surviving hosts, pass all VMs: the others are re-placed).
   * @defaultValue `[]` (nothing pinned)
   */
  readonly pinned?: readonly PinnedVm[];
  /**
   * Effort budget of the consolidation phase that tries to empty the least-used hosts, in
   * host-move evaluations; 0 skips it. Never makes a plan worse. @defaultValue 20,000
   */
  readonly effort?: number;
  /** Peak coincidence: hosts use the percentile of their VMs' summed series. @defaultValue off */
  readonly coincidence?: CoincidenceOptions;
  /**
   * Called as the work advances, for a progress bar: `done` of `total` constructions (a
   * consolidating plan tries up to three). Core stays pure: this is the caller's function.
   * @defaultValue none
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One scorer's part in a host's score. */
export interface ScorerContribution {
  /** e.g. `memoryMB utilisation` or `occupied`. */
  readonly scorer: string;
  readonly weight: number;
  /** The scorer's raw value on this host (a utilisation share after placement, or 0/1). */
  readonly raw: number;
  /**
   * The raw value as a 0..1 goodness. In a rating ({@link rateHosts}): headroom `1 - raw` under
   * `balance`, `raw` itself under `consolidate`, so it depends on this host alone. When
   * placement chooses among candidates: min-max over them (1 when all are equal), reversed
   * for `balance`.
   */
  readonly normalized: number;
  /** weight x normalized / sum of weights: the part of the 0..1 score. */
  readonly contribution: number;
}

/** A figure on which a host loses score against the best-rated host. */
export interface RatingDifference {
  /** The scorer, e.g. `memoryMB utilisation` or `occupied`. */
  readonly scorer: string;
  /** This host's raw value (utilisation share after placement, or occupied 0/1); NaN where the resource has no limit here. */
  readonly value: number;
  /** The best host's raw value; NaN where the resource has no limit there. */
  readonly bestValue: number;
  /** What this scorer costs the host against the best one, in score (> 0): weight x goodness gap / this host's total weight. */
  readonly scoreGap: number;
  /** e.g. `memory after placement 91 % vs 62 % on hv03`. */
  readonly message: string;
}

/** The rating of one host for one VM. */
export interface HostRating {
  readonly host: string;
  /**
   * 0 to 5 in half steps from the absolute score (`max(0.5, round(score x 10) / 2)`); 0 exactly
   * when the VM cannot go there. Depends on this host, the VM and the goal alone.
   */
  readonly stars: number;
  /** 0..1, the sum of the contributions; 0 for an unsuitable host. */
  readonly score: number;
  /** True for the one host the rating recommends: the first of the list when it has stars. */
  readonly recommended: boolean;
  readonly contributions: readonly ScorerContribution[];
  /** What each resource would have left after placing the VM (negative: short by that much). */
  readonly margins: ResourceVector;
  /** The figures on which this host loses against the recommended one, largest loss first (empty for it and for zero-star hosts). */
  readonly versusBest: readonly RatingDifference[];
  /** One sentence: why recommended, what separates it from the best, or what would have to change. */
  readonly explanation: string;
  /** Why the VM cannot go there (empty when it can). */
  readonly reasons: readonly Reason[];
  /** What would have to change for the VM to fit, e.g. `needs 1,200 MB more memoryMB ...`. */
  readonly changes: readonly string[];
}

/**
 * A VM already running on a host, in any of three shapes: the VM with its host, a placement
 * as {@link placeVms} returns it (`{ vm: id, host }`, the VM looked up in `vms`), or a VM
 * carrying its own `host` field (as `import` writes a running estate).
 */
export type PlacedVm =
  | { readonly vm: Vm; readonly host: string }
  | { readonly vm: string; readonly host: string }
  | (Vm & { readonly host: string });

/** Options of {@link rateHosts}. */
export interface RateHostsOptions extends ScoringOptions {
  /** VMs already running, with their host. @defaultValue `[]` (every host empty) */
  readonly placed?: readonly PlacedVm[];
  /** The VMs that placements given by id (`{ vm: id, host }`) refer to. @defaultValue `[]` */
  readonly vms?: readonly Vm[];
}
