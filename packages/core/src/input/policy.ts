import type { Policy } from '../model/policy.js';
import { RESOURCES } from '../model/resources.js';
import { resolvePlatform } from '../platform/profiles.js';
import { resolvePolicy } from '../model/defaults.js';
import { compileFormula } from '../units/formula.js';
import { noUnknown, number, object, string, type Raw } from './fields.js';

/** Fields a policy may have (the JSON Schema lists the same). */
export const POLICY_FIELDS = ['platform', 'rootReserveMB', 'fullInstallationExtraMB', 'reserves', 'vcpuPerLp', 'targetUtilization', 'memoryOverhead', 'newVm', 'vhdIopsFactor', 'description'];

/**
 * Reads a policy object (JSON), accepting unit strings for quantities; validation of ranges
 * happens in `resolvePolicy`.
 *
 * @example
 * parsePolicy({ rootReserveMB: '2 GB' }, 'policy.json').rootReserveMB // => 2048
 */
export function parsePolicy(value: unknown, path: string): Policy {
  const raw: Raw = object(value, path);
  noUnknown(raw, POLICY_FIELDS, path);
  const out: Record<string, unknown> = {};
  if (raw.platform !== undefined) {
    // an id must name a built-in profile (own keys only); an object is checked field by field
    out.platform = typeof raw.platform === 'string' ? resolvePlatform(raw.platform, `${path}.platform`).id : resolvePlatform(object(raw.platform, `${path}.platform`) as never, `${path}.platform`);
  }
  const mb = (r: Raw, k: string, p: string) => number(r, k, p, { unit: 'MB', min: 0 });
  if (raw.rootReserveMB !== undefined) out.rootReserveMB = mb(raw, 'rootReserveMB', path);
  if (raw.fullInstallationExtraMB !== undefined) out.fullInstallationExtraMB = mb(raw, 'fullInstallationExtraMB', path);
  if (raw.reserves !== undefined) {
    const r = object(raw.reserves, `${path}.reserves`);
    const p = `${path}.reserves`;
    noUnknown(r, ['cpuPercent', 'memoryMB', 'iops', 'networkPercent', 'storageGB'], p);
    out.reserves = Object.fromEntries(Object.entries({
      cpuPercent: number(r, 'cpuPercent', p),
      memoryMB: mb(r, 'memoryMB', p),
      iops: number(r, 'iops', p),
      networkPercent: number(r, 'networkPercent', p),
      storageGB: number(r, 'storageGB', p, { unit: 'GB' }),
    }).filter(([, v]) => v !== undefined));
  }
  if (raw.vcpuPerLp !== undefined) out.vcpuPerLp = raw.vcpuPerLp === null ? null : number(raw, 'vcpuPerLp', path, { above: 0 });
  if (raw.targetUtilization !== undefined) {
    const t = object(raw.targetUtilization, `${path}.targetUtilization`);
    noUnknown(t, RESOURCES, `${path}.targetUtilization`);
    out.targetUtilization = Object.fromEntries(Object.keys(t).map((k) => [k, number(t, k, `${path}.targetUtilization`)]));
  }
  const formula = string(raw, 'memoryOverhead', path);
  if (formula !== undefined) {
    // compiled now, so that a formula outside the whitelist is refused naming the file
    compileFormula(formula, ['memoryMB', 'memoryGB'], `${path}.memoryOverhead`);
    out.memoryOverhead = formula;
  }
  if (raw.newVm !== undefined) {
    const n = object(raw.newVm, `${path}.newVm`);
    const p = `${path}.newVm`;
    noUnknown(n, ['cpuUtilization', 'diskGB', 'iops', 'networkMbps'], p);
    out.newVm = Object.fromEntries(Object.entries({
      cpuUtilization: number(n, 'cpuUtilization', p),
      diskGB: number(n, 'diskGB', p, { unit: 'GB' }),
      iops: number(n, 'iops', p),
      networkMbps: number(n, 'networkMbps', p, { unit: 'Mbps' }),
    }).filter(([, v]) => v !== undefined));
  }
  if (raw.vhdIopsFactor !== undefined) {
    const v = object(raw.vhdIopsFactor, `${path}.vhdIopsFactor`);
    noUnknown(v, ['fixed', 'dynamic', 'differencing', 'passthrough'], `${path}.vhdIopsFactor`);
    out.vhdIopsFactor = Object.fromEntries(Object.keys(v).map((k) => [k, number(v, k, `${path}.vhdIopsFactor`, { min: 0 })]));
  }
  // ranges (percentages, shares, the platform) checked here too, so errors name the file
  resolvePolicy(out as Policy, path);
  return out as Policy;
}
