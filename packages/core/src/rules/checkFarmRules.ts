import { asResolved } from '../capacity/hostCapacity.js';
import { splitClusters } from '../failover/clusters.js';
import type { Host } from '../model/host.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { checkNics, type NicFinding } from '../network/checkNics.js';
import type { Placement } from '../plan/types.js';
import { resolvePlatform } from '../platform/profiles.js';
import { formatDecimal } from '../format/numbers.js';

/** One finding of {@link checkFarmRules}: a seed or platform rule the farm as a whole breaks. */
export interface FarmFinding {
  /** `error` findings make a plan incomplete (the CLI exits 1). */
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: NicFinding['rule'] | 'nics-not-described' | 'vms-per-cluster';
  /** The host, for NIC findings. */
  readonly host?: string;
  /** The cluster, for `vms-per-cluster`. */
  readonly cluster?: string;
  readonly message: string;
}

/** Options of {@link checkFarmRules}. */
export interface FarmRuleOptions {
  /**
   * The hosts fail over to each other (a heartbeat port is needed, VMs per cluster are
   * limited). A host naming a `cluster` is clustered whatever this says.
   * @defaultValue false
   */
  readonly clustered?: boolean;
  /** For each host's platform when it names none. @defaultValue {@link POLICY_DEFAULTS} */
  readonly policy?: Policy | ResolvedPolicy;
}

/**
 * The seed rules a farm breaks as a whole, as findings with a severity: each host's NIC roles
 * (`checkNics`: storage counts as iSCSI when the host has iSCSI ports, live migration from 2008
 * R2 on; a host that describes no NICs gets one `info` finding, as nothing can be checked) and,
 * for clustered hosts, the VMs placed per cluster against the platform's limit (1,000 on 2008
 * R2, 8,000 from 2012; none known on 2008). O(hosts + placements).
 *
 * @example
 * // 1,200 VMs on one 2008 R2 cluster
 * checkFarmRules(hosts, placements, { clustered: true }).filter((f) => f.rule === 'vms-per-cluster')[0].severity // => 'error'
 */
export function checkFarmRules(hosts: readonly Host[], placements: readonly Placement[], options: FarmRuleOptions = {}): FarmFinding[] {
  const policy = asResolved(options.policy);
  const out: FarmFinding[] = [];
  for (const h of hosts) {
    const clustered = (options.clustered ?? false) || h.cluster !== undefined;
    if (!h.nics || h.nics.length === 0) {
      out.push({ severity: 'info', rule: 'nics-not-described', host: h.id, message: `host ${h.id}: no NICs described, so the seed's NIC roles (management, ${clustered ? 'heartbeat, ' : ''}guest) are not checked` });
      continue;
    }
    const platform = resolvePlatform(h.platform ?? policy.platform, `hosts[${h.id}].platform`);
    const storage = h.nics.some((n) => n.role === 'iscsi') ? 'iscsi' : 'das';
    for (const f of checkNics(h, { clustered, storage, liveMigration: platform.id !== 'hyperv-2008' })) out.push({ ...f, host: h.id });
  }
  const clusteredHosts = hosts.filter((h) => (options.clustered ?? false) || h.cluster !== undefined);
  if (clusteredHosts.length === 0) return out;
  const hostCluster = new Map<string, string>();
  const clusters = splitClusters(clusteredHosts, policy);
  for (const c of clusters) for (const h of c.hosts) hostCluster.set(h.id, c.id);
  const count = new Map<string, number>();
  for (const p of placements) {
    const c = hostCluster.get(p.host);
    if (c !== undefined) count.set(c, (count.get(c) ?? 0) + 1);
  }
  for (const c of clusters) {
    const limits = c.hosts.map((h) => resolvePlatform(h.platform ?? policy.platform).maxClusterVms).filter((x): x is number => x !== null);
    if (!limits.length) continue;
    const limit = Math.min(...limits);
    const n = count.get(c.id) ?? 0;
    if (n > limit) {
      out.push({ severity: 'error', rule: 'vms-per-cluster', cluster: c.id,
        message: `cluster ${c.id}: ${formatDecimal(n, 3)} VMs on ${c.hosts.length} hosts, over the platform's ${formatDecimal(limit, 3)} VMs per cluster; split it into more clusters` });
    }
  }
  return out;
}
