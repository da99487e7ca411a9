import { capacityOf } from './capacityCache.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Placement, Reason, Unplaced } from '../plan/types.js';
import type { Cluster } from './clusters.js';
import { reasonsOn, type HostState } from './hostReasons.js';
import type { HostLoad } from './hostLoads.js';
import { R } from './kernel.js';

/** A failure set as the kernel left it, kept so that its stranded VMs can be explained later. */
export interface StrandedSet {
  readonly cluster: Cluster;
  readonly loads: ReadonlyMap<string, HostLoad>;
  readonly policy: ResolvedPolicy;
  readonly failed: ReadonlySet<string>;
  /** Use per host (the cluster's order) and resource after the restarts: [host * R + r]. */
  readonly usedAfter: Float64Array;
  /** The restarts, in the order they were made. */
  readonly restarts: readonly Placement[];
}

/** Every host of the set as the restarts left it, and the host each affinity group is bound to. */
function hostStates(set: StrandedSet): { states: HostState[]; affinityHost: Map<string, string> } {
  const { cluster, loads, failed, usedAfter, restarts } = set;
  const displacedById = new Map<string, Vm>();
  for (const id of failed) for (const vm of loads.get(id)!.vms) displacedById.set(vm.id, vm);
  const restartedOn = new Map<string, Vm[]>();
  for (const p of restarts) (restartedOn.get(p.host) ?? restartedOn.set(p.host, []).get(p.host)!).push(displacedById.get(p.vm)!);
  const affinityHost = new Map<string, string>();
  const bind = (vm: Vm, host: string) => { for (const g of vm.affinity ?? []) if (!affinityHost.has(g)) affinityHost.set(g, host); };
  const states = cluster.hosts.map((host, h): HostState => {
    const down = failed.has(host.id);
    const used = {} as ResourceVector;
    RESOURCES.forEach((r, i) => (used[r] = usedAfter[h * R + i]!));
    const vms = down ? [] : [...loads.get(host.id)!.vms, ...(restartedOn.get(host.id) ?? [])];
    return { host: down ? { ...host, unavailable: true } : host, cap: capacityOf(host, set.policy), used, vms };
  });
  // the VMs that stayed bind their groups first (cluster order), then the restarts (restart order)
  for (const s of states) if (!s.host.unavailable) for (const vm of loads.get(s.host.id)!.vms) bind(vm, s.host.id);
  for (const p of restarts) bind(displacedById.get(p.vm)!, p.host);
  return { states, affinityHost };
}

/**
 * The VMs of a failure set that restart nowhere, each with one reason per host of the cluster
 * (the words `bestFitReplace` uses), computed when a VM's `reasons` are first read and then
 * kept: a check of a packed farm strands thousands of VMs over its failure sets, and the
 * verdict needs none of these sentences. The entries are plain enumerable data once read
 * (JSON, spreading and structured cloning read them). O(1) per VM until read; the first read
 * of a set costs O(hosts x VMs on them), each VM's O(hosts x resources).
 *
 * @example
 * const unplaced = strandedUnplaced(set, ['v7']);
 * unplaced[0].reasons[0].message // => 'host h2 is down in this failure set'
 */
export function strandedUnplaced(set: StrandedSet, stranded: readonly string[]): Unplaced[] {
  let built: ReturnType<typeof hostStates> | undefined;
  const vmById = new Map<string, Vm>();
  const explain = (id: string): Reason[] => {
    built ??= hostStates(set);
    if (!vmById.size) for (const h of set.failed) for (const vm of set.loads.get(h)!.vms) vmById.set(vm.id, vm);
    const vm = vmById.get(id)!;
    return built.states.flatMap((state) => reasonsOn(vm, state, set.policy, built!.affinityHost));
  };
  return stranded.map((vm) => withLazyReasons(vm, () => explain(vm)));
}

/**
 * An unplaced VM whose `reasons` are computed by `explain` when first read, then kept as a
 * plain enumerable value (JSON, spreading and structured cloning read it like any field).
 * O(1) until read.
 *
 * @example
 * withLazyReasons('v7', () => reasonsOfV7).reasons // => reasonsOfV7 (explain ran once)
 */
export function withLazyReasons(vm: string, explain: () => readonly Reason[]): Unplaced {
  const entry = { vm } as { vm: string; reasons: readonly Reason[] };
  let reasons: readonly Reason[] | undefined;
  Object.defineProperty(entry, 'reasons', {
    enumerable: true, configurable: true,
    get: () => {
      reasons ??= explain();
      // a plain value from now on, unless the caller froze the entry (then the getter stays)
      if (Object.getOwnPropertyDescriptor(entry, 'reasons')!.configurable) Object.defineProperty(entry, 'reasons', { value: reasons, enumerable: true });
      return reasons;
    },
  });
  return entry;
}
