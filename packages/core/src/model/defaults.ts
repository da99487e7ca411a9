import { HostplanError, invalid } from '../errors.js';
import { DEFAULT_PLATFORM, resolvePlatform } from '../platform/profiles.js';
import type { Policy, ResolvedPolicy } from './policy.js';
import { RESOURCES, type Resource } from './resources.js';

/** Every policy default, with where it comes from. */
export const POLICY_DEFAULTS = {
  platform: DEFAULT_PLATFORM,
  rootReserveMB: 512,
  fullInstallationExtraMB: 80,
  reserves: { cpuPercent: 10, memoryMB: 0, iops: 0, networkPercent: 10, storageGB: 0 },
  targetUtilization: { cpuGHz: 1, vcpus: 1, memoryMB: 1, iops: 1, storageGB: 1, networkMbps: 1, vms: 1 },
  newVm: { cpuUtilization: 0.2, diskGB: 2, iops: 0, networkMbps: 0 },
  vhdIopsFactor: { fixed: 1, dynamic: 1.1, differencing: 1.2, passthrough: 1 },
} as const;

/** Where each default comes from, keyed like {@link POLICY_DEFAULTS} paths. */
export const POLICY_SOURCES: Readonly<Record<string, string>> = {
  platform: 'seed whitepaper (Hyper-V on Windows Server 2008)',
  rootReserveMB: 'seed: "leave at least 512 MB available" for the root partition',
  fullInstallationExtraMB: 'seed: Server Core leaves about 80 MB more for VMs than a full installation',
  'reserves.cpuPercent': 'SCVMM host reserve default',
  'reserves.memoryMB': 'hostplan: the root reserve already holds memory back',
  'reserves.iops': 'hostplan',
  'reserves.networkPercent': 'SCVMM host reserve default',
  'reserves.storageGB': 'hostplan',
  targetUtilization: 'hostplan: no ceiling beyond the reserves',
  'newVm.cpuUtilization': 'SCVMM default load for a new VM (20 % CPU)',
  'newVm.diskGB': 'SCVMM default load for a new VM (2 GB disk)',
  'newVm.iops': 'SCVMM default load for a new VM (0 IOPS)',
  'newVm.networkMbps': 'SCVMM default load for a new VM (0 Mbps)',
  vhdIopsFactor: 'hostplan, unverified: dynamic and differencing VHDs cost extra I/O (seed, qualitative)',
  vcpuPerLp: 'the platform profile: 8 on 2008 and 2008 R2, none from 2012 (Microsoft\'s Hyper-V support statements; the seed gives no ratio)',
  memoryOverhead: 'seed: 32 MB for the first GB of virtual RAM plus 8 MB for each additional GB',
};

function nonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(path, 'a finite number >= 0', value);
  return value;
}

function share(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) invalid(path, 'a number in (0, 1]', value);
  return value;
}

function percent(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 100) invalid(path, 'a percentage in [0, 100)', value);
  return value;
}

/** A platform id must name a built-in profile; a custom profile is validated (and frozen). */
function checkedPlatform(platform: unknown, path: string): string | ReturnType<typeof resolvePlatform> {
  if (typeof platform === 'string') return resolvePlatform(platform, path).id;
  return resolvePlatform(platform as Exclude<Parameters<typeof resolvePlatform>[0], string>, path);
}

/**
 * Fills in every default of a policy and validates it.
 *
 * @example
 * resolvePolicy({ rootReserveMB: 2048 }).reserves.cpuPercent // => 10
 */
export function resolvePolicy(policy: Policy = {}, path = 'policy'): ResolvedPolicy {
  if (policy === null || typeof policy !== 'object') invalid(path, 'an object', policy);
  const d = POLICY_DEFAULTS;
  const r = policy.reserves ?? {};
  const reserves = {
    cpuPercent: percent(r.cpuPercent ?? d.reserves.cpuPercent, `${path}.reserves.cpuPercent`),
    memoryMB: nonNegative(r.memoryMB ?? d.reserves.memoryMB, `${path}.reserves.memoryMB`),
    iops: nonNegative(r.iops ?? d.reserves.iops, `${path}.reserves.iops`),
    networkPercent: percent(r.networkPercent ?? d.reserves.networkPercent, `${path}.reserves.networkPercent`),
    storageGB: nonNegative(r.storageGB ?? d.reserves.storageGB, `${path}.reserves.storageGB`),
  };
  const targetUtilization = {} as Record<Resource, number>;
  for (const res of RESOURCES) {
    targetUtilization[res] = share(policy.targetUtilization?.[res] ?? d.targetUtilization[res], `${path}.targetUtilization.${res}`);
  }
  for (const key of Object.keys(policy.targetUtilization ?? {})) {
    if (!(RESOURCES as readonly string[]).includes(key)) {
      throw new HostplanError('unknown-field', `${path}.targetUtilization.${key}`, `unknown resource; expected one of ${RESOURCES.join(', ')}`);
    }
  }
  const n = policy.newVm ?? {};
  const cpuUtilization = nonNegative(n.cpuUtilization ?? d.newVm.cpuUtilization, `${path}.newVm.cpuUtilization`);
  if (cpuUtilization > 1) invalid(`${path}.newVm.cpuUtilization`, 'a number in [0, 1]', cpuUtilization);
  const vf = policy.vhdIopsFactor ?? {};
  const vcpuPerLp = policy.vcpuPerLp;
  if (vcpuPerLp !== undefined && vcpuPerLp !== null && (!(vcpuPerLp > 0) || !Number.isFinite(vcpuPerLp))) {
    invalid(`${path}.vcpuPerLp`, 'a number > 0, or null for no limit', vcpuPerLp);
  }
  if (policy.memoryOverhead !== undefined && typeof policy.memoryOverhead !== 'string') {
    invalid(`${path}.memoryOverhead`, 'an arithmetic expression of memoryMB and memoryGB', policy.memoryOverhead);
  }
  return {
    platform: checkedPlatform(policy.platform ?? d.platform, `${path}.platform`),
    rootReserveMB: nonNegative(policy.rootReserveMB ?? d.rootReserveMB, `${path}.rootReserveMB`),
    fullInstallationExtraMB: nonNegative(policy.fullInstallationExtraMB ?? d.fullInstallationExtraMB, `${path}.fullInstallationExtraMB`),
    reserves,
    vcpuPerLp,
    targetUtilization,
    memoryOverhead: policy.memoryOverhead,
    newVm: {
      cpuUtilization,
      diskGB: nonNegative(n.diskGB ?? d.newVm.diskGB, `${path}.newVm.diskGB`),
      iops: nonNegative(n.iops ?? d.newVm.iops, `${path}.newVm.iops`),
      networkMbps: nonNegative(n.networkMbps ?? d.newVm.networkMbps, `${path}.newVm.networkMbps`),
    },
    vhdIopsFactor: {
      fixed: nonNegative(vf.fixed ?? d.vhdIopsFactor.fixed, `${path}.vhdIopsFactor.fixed`),
      dynamic: nonNegative(vf.dynamic ?? d.vhdIopsFactor.dynamic, `${path}.vhdIopsFactor.dynamic`),
      differencing: nonNegative(vf.differencing ?? d.vhdIopsFactor.differencing, `${path}.vhdIopsFactor.differencing`),
      passthrough: nonNegative(vf.passthrough ?? d.vhdIopsFactor.passthrough, `${path}.vhdIopsFactor.passthrough`),
    },
  };
}
