import type { Resource, ResourceVector } from '../model/resources.js';
import type { Shortfall, Violation } from '../capacity/types.js';

/** One default or input that shaped a result, for the "assumptions" section of every output. */
export interface Assumption {
  /** Dotted path, e.g. `policy.rootReserveMB`. */
  readonly name: string;
  readonly value: unknown;
  readonly unit?: string;
  /** Where the figure comes from. */
  readonly source: string;
  /** True when the default was used, false when the caller set it. */
  readonly isDefault: boolean;
}

/** Why a VM cannot go on one host. */
export type Reason =
  | { readonly kind: 'capacity'; readonly host: string; readonly shortfall: Shortfall; readonly message: string }
  | { readonly kind: 'platform'; readonly host: string; readonly violation: Violation; readonly message: string }
  | { readonly kind: 'anti-affinity'; readonly host: string; readonly group: string; readonly conflictingVm: string; readonly message: string }
  | { readonly kind: 'affinity'; readonly host: string; readonly group: string; readonly message: string }
  | { readonly kind: 'unavailable'; readonly host: string; readonly message: string };

/** One VM placed on one host in a {@link PlacementPlan}. */
export interface Placement {
  /** Id of the VM. */
  readonly vm: string;
  /** Id of the host it goes on. */
  readonly host: string;
}

/** A VM that fits on no host of a {@link PlacementPlan}, with the reason every host refused it. */
export interface Unplaced {
  /** Id of the VM. */
  readonly vm: string;
  /** Per host, never one aggregate "no valid host". */
  readonly reasons: readonly Reason[];
}

/** Use of one host in a plan. */
export interface HostUse {
  readonly id: string;
  readonly model?: string;
  readonly used: ResourceVector;
  readonly capacity: ResourceVector;
  /** The resource with the highest used/capacity share; null on an empty host. */
  readonly binding: Resource | null;
  readonly vms: readonly string[];
}

/** The result of batch placement. */
export interface PlacementPlan {
  readonly placements: readonly Placement[];
  readonly unplaced: readonly Unplaced[];
  readonly hosts: readonly HostUse[];
  readonly summary: {
    readonly hostsUsed: number;
    /** max over resources of ceil(total demand / host capacity). */
    readonly lowerBound: number;
    readonly vmsPlaced: number;
    readonly vmsUnplaced: number;
    readonly binding: Resource | null;
  };
  readonly assumptions: readonly Assumption[];
}
