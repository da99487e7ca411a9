import type { Policy } from '../model/policy.js';
import type { Assumption, Placement } from '../plan/types.js';
import type { PlacementGoal } from '../placement/types.js';

/** Default live migrations a host takes part in at once (as source or destination): Hyper-V 2012 and later default to 2 simultaneous live migrations per host. */
export const DEFAULT_MAX_CONCURRENT_MIGRATIONS = 2;

/** One live migration. */
export interface Move {
  readonly vm: string;
  readonly from: string;
  readonly to: string;
  /** 0-based wave: moves of one wave run at once; a wave starts when the one before has finished. */
  readonly wave: number;
  /** True for a hop to a host that is not the VM's destination, to break a cycle. */
  readonly temporary: boolean;
  /** Why this move, in words: the target, the drain, the cycle it breaks, what it waited for. */
  readonly reason: string;
}

/** A VM the moves cannot bring to its target, and why. */
export interface Unreachable {
  readonly vm: string;
  readonly from: string;
  readonly to: string | null;
  readonly reason: string;
}

/** Options of {@link planMoves}. */
export interface PlanMovesOptions {
  /** Reserves, overcommit ratios and limits of the hosts. @defaultValue {@link POLICY_DEFAULTS} */
  readonly policy?: Policy;
  /** Live migrations a host takes part in at once, as source or destination. @defaultValue {@link DEFAULT_MAX_CONCURRENT_MIGRATIONS} (2) */
  readonly maxConcurrentPerHost?: number;
  /**
   * Drop target moves that do not pay: a VM stays where it runs when the end state still fits,
   * uses no more hosts and has no higher peak utilisation than the target's. False: reach the
   * target exactly. @defaultValue true
   */
  readonly prune?: boolean;
}

/** Options of {@link drainMoves}. */
export interface DrainMovesOptions extends PlanMovesOptions {
  /** How the drained host's VMs are placed on the others. @defaultValue 'balance' (spread, as maintenance mode does) */
  readonly goal?: PlacementGoal;
}

/** The result of {@link planMoves}: ordered live migrations and the layout they reach. */
export interface MovePlan {
  /** In order of waves; within a wave, in VM id order. */
  readonly moves: readonly Move[];
  /** Number of waves. */
  readonly waves: number;
  /** The layout after the last move. */
  readonly end: readonly Placement[];
  /** True when every VM reaches its destination. */
  readonly reachable: boolean;
  readonly unreachable: readonly Unreachable[];
  /** VMs the target moves that stay where they run (pruned: the end state is at least as good without the move). */
  readonly kept: readonly string[];
  readonly assumptions: readonly Assumption[];
}
