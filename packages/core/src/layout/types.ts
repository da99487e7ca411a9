import type { Violation } from '../capacity/types.js';
import type { Host } from '../model/host.js';
import type { Resource } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Placement, PlacementPlan } from '../plan/types.js';
import type { ScoringOptions } from '../placement/types.js';

/** Something wrong with a layout as it stands (it runs, but breaks a limit or a rule). */
export type LayoutProblem =
  | { readonly kind: 'overload'; readonly host: string; readonly resource: Resource; readonly used: number; readonly limit: number; readonly message: string }
  | { readonly kind: 'anti-affinity'; readonly host: string; readonly group: string; readonly vms: readonly string[]; readonly message: string }
  | { readonly kind: 'affinity'; readonly group: string; readonly hosts: readonly string[]; readonly message: string }
  | { readonly kind: 'platform'; readonly host: string; readonly vm: string; readonly violation: Violation; readonly message: string }
  | { readonly kind: 'unavailable'; readonly host: string; readonly vms: readonly string[]; readonly message: string }
  | { readonly kind: 'unknown-host'; readonly host: string; readonly vm: string; readonly message: string };

/** Options of {@link checkLayout}: what-if changes to the farm that runs today. */
export interface CheckLayoutOptions extends ScoringOptions {
  /** Hosts added (empty) to the farm. @defaultValue `[]` */
  readonly addHosts?: readonly Host[];
  /** Ids of hosts taken out: their VMs are placed on the rest, nothing else moves. @defaultValue `[]` */
  readonly removeHosts?: readonly string[];
  /**
   * Growth of the VM count as a fraction (0.1 = 10 % more VMs): copies of the VMs (as
   * `grownInventory` makes them) are placed on the farm, nothing running moves. @defaultValue 0
   */
  readonly growth?: number;
}

/** The farm that runs today, checked (and changed only by the what-if options). */
export interface LayoutCheck {
  /** The layout as a plan: running VMs where they run, displaced and added VMs where placement put them. */
  readonly plan: PlacementPlan;
  /** Every limit or rule the layout breaks; empty when it fits. */
  readonly problems: readonly LayoutProblem[];
  /** VMs the what-if placed: from removed hosts, from hosts unknown to the hosts list, and growth copies. */
  readonly placedByWhatIf: readonly Placement[];
  /** Every VM the check covers: the inventory, plus the growth copies (for a failover check or a report). */
  readonly vms: readonly Vm[];
  /** True when there is no problem and nothing is left unplaced. */
  readonly fits: boolean;
}
