import { exceeds, shortfalls } from '../capacity/fits.js';
import { hostCapacity } from '../capacity/hostCapacity.js';
import { platformViolations } from '../capacity/platformRules.js';
import type { HostCapacity } from '../capacity/types.js';
import { demandVector } from '../capacity/vmDemand.js';
import { asVm } from '../input/normalise.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, zeroVector, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Reason } from '../plan/types.js';
import type { CoincidentUse } from './coincidentUse.js';
import type { PlatformProfile } from '../platform/profile.js';

/** One host's state during placement (internal). */
export interface FarmHost {
  readonly host: Host;
  readonly capacity: HostCapacity;
  readonly used: ResourceVector;
  readonly vms: string[];
  /** Anti-affinity group -> a VM of that group on this host. */
  readonly groups: Map<string, string>;
  /** Number of pinned VMs here (a host holding pinned VMs is never emptied). */
  pinned: number;
}

/** The farm during placement (internal): hosts in canonical (id) order, demand cache, filters. */
export class Farm {
  readonly hosts: FarmHost[];
  readonly byId: Map<string, FarmHost>;
  /** Host clock -> VM -> demand (keyed by object: no string built per lookup). */
  private readonly demandCache = new Map<number, Map<Vm, ResourceVector>>();
  /** `coincidence`: peak-coincidence use of the profiled resources (placeVms' option), else null. */
  constructor(hosts: readonly Host[], readonly policy: ResolvedPolicy, readonly coincidence: CoincidentUse | null = null) {
    this.hosts = [...hosts].sort((a, b) => cmp(a.id, b.id)).map((host) => ({
      host, capacity: hostCapacity(host, policy), used: zeroVector(), vms: [], groups: new Map(), pinned: 0,
    }));
    this.byId = new Map(this.hosts.map((h) => [h.host.id, h]));
  }

  /** A VM's demand on a host: it depends on the host only through its clock, so it is cached per clock. */
  demand(vm: Vm, host: Host): ResourceVector {
    let byVm = this.demandCache.get(host.clockGHz);
    if (!byVm) this.demandCache.set(host.clockGHz, (byVm = new Map()));
    let d = byVm.get(vm);
    if (!d) byVm.set(vm, (d = demandVector(asVm(vm, 'vm'), host.clockGHz, this.policy)));
    return d;
  }

  /** The summed demand of a unit (VMs that go together) on a host; for one VM its cached demand (read only). */
  unitDemand(unit: readonly Vm[], host: Host): ResourceVector {
    if (unit.length === 1) return this.demand(unit[0]!, host);
    const out = zeroVector();
    for (const vm of unit) {
      const d = this.demand(vm, host);
      for (const r of RESOURCES) out[r] += d[r];
    }
    return out;
  }

  /** Every reason the unit cannot go on this host now; empty when it can. */
  reasons(unit: readonly Vm[], fh: FarmHost, label: string): Reason[] {
    const host = fh.host;
    const id = host.id;
    if (host.unavailable) return [{ kind: 'unavailable', host: id, message: `host ${id} is marked unavailable` }];
    const out: Reason[] = [];
    for (const vm of unit) {
      for (const v of platformViolations(vm, host, fh.capacity.platform)) {
        if (v.rule !== 'host-unavailable') out.push({ kind: 'platform', host: id, violation: v, message: `host ${id}: ${vm.id}: ${v.message}` });
      }
    }
    for (const { group, other } of antiAffinityConflicts(unit, fh, false)) {
      out.push({ kind: 'anti-affinity', host: id, group, conflictingVm: other, message: `host ${id} already runs ${other} of anti-affinity group ${group}` });
    }
    for (const s of shortfalls(this.demandOn(unit, fh), fh.used, fh.capacity.limits)) {
      out.push({ kind: 'capacity', host: id, shortfall: s, message: `host ${id}: ${label} ${s.message}` });
    }
    return out;
  }

  /**
   * Whether the unit can go on this host now: the test of {@link reasons} (the same rules,
   * `antiAffinityConflicts`, `exceeds`, the platform rules, coincidence), stopping at the first
   * obstacle and building no message; cheapest checks first. The hot path of placement.
   */
  fitsFast(unit: readonly Vm[], fh: FarmHost): boolean {
    const host = fh.host;
    if (host.unavailable) return false;
    if (antiAffinityConflicts(unit, fh, true).length > 0) return false;
    const limits = fh.capacity.limits;
    const used = fh.used;
    const demand = unit.length === 1 ? this.demand(unit[0]!, host) : this.unitDemand(unit, host);
    const co = this.coincidence;
    for (const resource of RESOURCES) {
      if (co !== null && co.handles(resource)) continue;
      if (exceeds(demand[resource], used[resource], limits[resource])) return false;
    }
    for (const vm of unit) if (!this.platformOk(vm, fh)) return false;
    return co === null || co.fits(fh, unit, (vm) => this.demand(vm, host));
  }

  /**
   * What the unit adds to the host's use: its summed demand, or under peak coincidence, for
   * the profiled resources, the increase of the percentile of the host's summed series.
   */
  demandOn(unit: readonly Vm[], fh: FarmHost): ResourceVector {
    const d = this.unitDemand(unit, fh.host);
    return this.coincidence === null ? d : this.coincidence.marginal(fh, unit, d, (vm) => this.demand(vm, fh.host));
  }

  private readonly platformCache = new Map<PlatformProfile, Map<Vm, boolean>>();
  /** Whether the VM breaks no platform rule on this host's platform (cached per VM and platform). */
  platformOk(vm: Vm, fh: FarmHost): boolean {
    const platform = fh.capacity.platform;
    let byVm = this.platformCache.get(platform);
    if (!byVm) this.platformCache.set(platform, (byVm = new Map()));
    let ok = byVm.get(vm);
    if (ok === undefined) byVm.set(vm, (ok = platformViolations(vm, { ...fh.host, unavailable: false }, platform).length === 0));
    return ok;
  }

  place(unit: readonly Vm[], fh: FarmHost): void {
    const d = this.unitDemand(unit, fh.host);
    for (const r of RESOURCES) fh.used[r] += d[r];
    for (const vm of unit) {
      fh.vms.push(vm.id);
      for (const g of vm.antiAffinity ?? []) fh.groups.set(g, vm.id);
    }
    this.coincidence?.apply(fh, unit, (vm) => this.demand(vm, fh.host), 1);
  }

  remove(unit: readonly Vm[], fh: FarmHost): void {
    const d = this.unitDemand(unit, fh.host);
    for (const r of RESOURCES) fh.used[r] -= d[r];
    for (const vm of unit) {
      fh.vms.splice(fh.vms.indexOf(vm.id), 1);
      for (const g of vm.antiAffinity ?? []) if (fh.groups.get(g) === vm.id) fh.groups.delete(g);
    }
    this.coincidence?.apply(fh, unit, (vm) => this.demand(vm, fh.host), -1);
  }
}

const NO_CONFLICT: readonly { group: string; other: string }[] = Object.freeze([]);

/**
 * The unit's anti-affinity conflicts on the host: a group of one of its VMs that a VM outside
 * the unit already holds there. `first`: stop at the first. No allocation when there is none.
 */
function antiAffinityConflicts(unit: readonly Vm[], fh: FarmHost, first: boolean): readonly { group: string; other: string }[] {
  let out: { group: string; other: string }[] | null = null;
  for (const vm of unit) {
    const groups = vm.antiAffinity;
    if (groups === undefined) continue;
    for (const group of groups) {
      const other = fh.groups.get(group);
      if (other === undefined || unit.some((u) => u.id === other)) continue;
      (out ??= []).push({ group, other });
      if (first) return out;
    }
  }
  return out ?? NO_CONFLICT;
}

/** Code-unit string order, independent of locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
