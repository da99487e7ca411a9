import type { Assumption } from '../plan/types.js';
import { POLICY_DEFAULTS, POLICY_SOURCES, resolvePolicy } from './defaults.js';
import type { Policy } from './policy.js';
import { PLATFORMS, resolvePlatform } from '../platform/profiles.js';
import { RESOURCE_UNITS, RESOURCES } from './resources.js';

/**
 * Every policy figure that shapes a capacity or placement result, with its value, unit,
 * source and whether it is the default: the "assumptions" section of every output.
 *
 * @example
 * policyAssumptions({ rootReserveMB: 2048 }).find((a) => a.name === 'policy.rootReserveMB')
 * // => { name: 'policy.rootReserveMB', value: 2048, unit: 'MB', source: 'seed: ...', isDefault: false }
 */
export function policyAssumptions(policy: Policy = {}): Assumption[] {
  const p = resolvePolicy(policy);
  const out: Assumption[] = [];
  const add = (name: string, value: unknown, given: unknown, unit?: string, sourceKey = name) =>
    out.push({ name: `policy.${name}`, value, ...(unit && { unit }), source: given === undefined ? POLICY_SOURCES[sourceKey] ?? 'hostplan' : 'input', isDefault: given === undefined });
  add('platform', typeof p.platform === 'string' ? p.platform : p.platform.id, policy.platform);
  const platform = typeof p.platform === 'string' && !PLATFORMS[p.platform] ? null : resolvePlatform(p.platform);
  if (platform) {
    out.push({ name: 'policy.platform.limits', value: { id: platform.id, unverified: [...platform.unverified] }, source: `${platform.source}; the fields listed as unverified are documented defaults, not checked against a primary source`, isDefault: true });
  }
  add('rootReserveMB', p.rootReserveMB, policy.rootReserveMB, 'MB');
  add('fullInstallationExtraMB', p.fullInstallationExtraMB, policy.fullInstallationExtraMB, 'MB');
  const units = { cpuPercent: '%', memoryMB: 'MB', iops: 'IOPS', networkPercent: '%', storageGB: 'GB' } as const;
  for (const k of Object.keys(POLICY_DEFAULTS.reserves) as (keyof typeof POLICY_DEFAULTS.reserves)[]) {
    add(`reserves.${k}`, p.reserves[k], policy.reserves?.[k], units[k]);
  }
  add('vcpuPerLp', p.vcpuPerLp === undefined ? platform?.vcpuPerLp ?? 'platform default' : p.vcpuPerLp, policy.vcpuPerLp, 'vCPUs per LP of the policy platform (null: none; a host naming another platform takes its own)');
  for (const r of RESOURCES) {
    add(`targetUtilization.${r}`, p.targetUtilization[r], policy.targetUtilization?.[r], `share of ${RESOURCE_UNITS[r]} after reserves`, 'targetUtilization');
  }
  add('memoryOverhead', p.memoryOverhead ?? '32 MB + 8 MB x (started GB - 1)', policy.memoryOverhead, 'MB');
  const nu = { cpuUtilization: 'share of vCPUs', diskGB: 'GB', iops: 'IOPS', networkMbps: 'Mbps' } as const;
  for (const k of Object.keys(POLICY_DEFAULTS.newVm) as (keyof typeof POLICY_DEFAULTS.newVm)[]) {
    add(`newVm.${k}`, p.newVm[k], policy.newVm?.[k], nu[k]);
  }
  for (const k of Object.keys(POLICY_DEFAULTS.vhdIopsFactor) as (keyof typeof POLICY_DEFAULTS.vhdIopsFactor)[]) {
    add(`vhdIopsFactor.${k}`, p.vhdIopsFactor[k], policy.vhdIopsFactor?.[k], 'x IOPS', 'vhdIopsFactor');
  }
  return out;
}
