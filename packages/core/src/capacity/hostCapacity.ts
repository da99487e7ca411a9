import type { Host } from '../model/host.js';
import { resolvePolicy } from '../model/defaults.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, type Resource, type ResourceVector } from '../model/resources.js';
import { resolvePlatform } from '../platform/profiles.js';
import { storageTotals } from './storage.js';
import type { HostCapacity } from './types.js';
import { checkVector } from './checkVector.js';
import { asHost } from '../input/normalise.js';
import { formatDecimal } from '../format/numbers.js';

const WHOLE: ReadonlySet<Resource> = new Set(['vcpus', 'vms']);

/**
 * {@link resolvePolicy} unless the policy came from this function already (then it is returned
 * as it is), so that hot loops calling {@link hostCapacity} per host resolve the policy once.
 *
 * @example
 * const p = asResolved({ });
 * asResolved(p) === p // => true
 */
export function asResolved(policy: Policy | ResolvedPolicy | undefined): ResolvedPolicy {
  return policy && (policy as { __resolved?: true }).__resolved ? (policy as ResolvedPolicy) : markResolved(resolvePolicy(policy as Policy | undefined));
}

function markResolved(p: ResolvedPolicy): ResolvedPolicy {
  Object.defineProperty(p, '__resolved', { value: true, enumerable: false });
  return p;
}

const fmt = (x: number) => formatDecimal(x, 2);

/**
 * What a host can give per resource after platform limits, reserves and target ceilings,
 * each with the rule that produced it. Hyper-threads add logical processors (and so vCPU
 * allowance), not GHz. O(1).
 *
 * @example
 * // 2 x 4 cores, 3.0 GHz, 32 GB, Server Core on hyperv-2008:
 * const c = hostCapacity({ id: 'h1', sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 });
 * c.limits.memoryMB // => 32256 (32,768 - 512 root reserve)
 * c.limits.vcpus    // => 64 (8 LPs x 8 vCPU per LP)
 */
export function hostCapacity(host: Host, policy?: Policy | ResolvedPolicy): HostCapacity {
  host = asHost(host, 'host');
  const p = asResolved(policy);
  const platform = resolvePlatform(host.platform ?? p.platform, `hosts[${host.id}].platform`);
  const threads = host.threadsPerCore || 1;
  const cores = host.sockets * host.coresPerSocket;
  const lps = cores * threads;
  const usableLps = Math.min(lps, platform.maxLogicalProcessors);
  const usableCores = Math.min(cores, usableLps / threads);
  const vcpuPerLp = p.vcpuPerLp === undefined ? platform.vcpuPerLp : p.vcpuPerLp;

  const memoryMB = Math.min(host.memoryGB, platform.maxHostMemoryGB) * 1024;
  const rootMB = p.rootReserveMB + (host.installation === 'full' ? p.fullInstallationExtraMB : 0);
  const storage = storageTotals(host.storage);
  const guestPorts = (host.nics ?? []).filter((n) => n.role === 'guest');
  const guestMbps = guestPorts.reduce((s, n) => s + n.gbps * 1000 * (n.ports ?? 1), 0);

  const total: ResourceVector = {
    cpuGHz: usableCores * host.clockGHz,
    vcpus: vcpuPerLp === null ? Infinity : usableLps * vcpuPerLp,
    memoryMB,
    iops: storage.iops,
    storageGB: storage.capacityGB,
    networkMbps: host.nics === undefined ? Infinity : guestMbps,
    vms: platform.maxRunningVms,
  };
  const reserved: ResourceVector = {
    cpuGHz: (total.cpuGHz * p.reserves.cpuPercent) / 100,
    vcpus: 0,
    memoryMB: rootMB + p.reserves.memoryMB,
    iops: Math.min(p.reserves.iops, total.iops),
    storageGB: Math.min(p.reserves.storageGB, total.storageGB),
    networkMbps: Number.isFinite(total.networkMbps) ? (total.networkMbps * p.reserves.networkPercent) / 100 : 0,
    vms: 0,
  };
  const limits = {} as ResourceVector;
  for (const r of RESOURCES) {
    const raw = Math.max(0, total[r] - reserved[r]) * p.targetUtilization[r];
    limits[r] = WHOLE.has(r) ? Math.floor(raw) : raw;
  }
  checkVector(limits, 'capacity', `hosts[${host.id}]`);
  const target = (r: Resource) => (p.targetUtilization[r] < 1 ? ` x target ${p.targetUtilization[r]}` : '');
  const rules: Record<Resource, string> = {
    cpuGHz: `${fmt(usableCores)} physical cores${usableLps < lps ? ` (platform uses ${usableLps} of ${lps} LPs)` : ''} x ${host.clockGHz} GHz = ${fmt(total.cpuGHz)} GHz, less ${p.reserves.cpuPercent} % reserve${target('cpuGHz')} = ${fmt(limits.cpuGHz)} GHz`,
    vcpus: vcpuPerLp === null ? `${platform.name} imposes no vCPU:LP ratio` : `${usableLps} LPs x ${vcpuPerLp} vCPUs per LP${target('vcpus')} = ${fmt(limits.vcpus)} vCPUs`,
    memoryMB: `${fmt(memoryMB)} MB${host.memoryGB > platform.maxHostMemoryGB ? ` (platform maximum)` : ''} - ${fmt(rootMB)} MB root reserve${host.installation === 'full' ? ` (${p.rootReserveMB} + ${p.fullInstallationExtraMB} for a full installation)` : ''}${p.reserves.memoryMB ? ` - ${fmt(p.reserves.memoryMB)} MB host reserve` : ''}${target('memoryMB')} = ${fmt(limits.memoryMB)} MB`,
    iops: `${storage.iopsRule}; less ${fmt(reserved.iops)} reserved${target('iops')} = ${fmt(limits.iops)} IOPS`,
    storageGB: `${storage.capacityRule}; less ${fmt(reserved.storageGB)} GB reserved${target('storageGB')} = ${fmt(limits.storageGB)} GB`,
    networkMbps: host.nics === undefined ? 'no NIC section: guest network not modelled (unlimited)' : guestPorts.length
      ? `${guestPorts.map((n) => `${n.ports ?? 1} x ${n.gbps} Gbps`).join(' + ')} guest ports = ${fmt(guestMbps)} Mbps, less ${p.reserves.networkPercent} % reserve${target('networkMbps')} = ${fmt(limits.networkMbps)} Mbps`
      : 'no guest-role NIC ports: 0 Mbps',
    vms: `${platform.name} runs at most ${platform.maxRunningVms} VMs per host${platform.unverified.includes('maxRunningVms') ? ' (unverified)' : ''}${target('vms')}`,
  };
  return { hostId: host.id, platform, logicalProcessors: lps, usableLogicalProcessors: usableLps, total, reserved, limits, rules };
}
