import { hostCapacity, platformViolations, resolvePolicy, vmDemand, RESOURCES, type Host, type Vm } from '@hostplan/core';
import { tolerance } from '../../src/capacity/fits.js';

const policy = resolvePolicy({});

/**
 * An oracle written independently of placement: do these VMs fit together on `host` under the
 * default policy (capacity with reserves and tolerance, platform limits, anti-affinity)?
 */
export function fitsTogether(host: Host, vms: readonly Vm[]): boolean {
  const cap = hostCapacity(host, policy);
  for (const r of RESOURCES) {
    const used = vms.reduce((s, v) => s + vmDemand(v, host, policy).vector[r], 0);
    if (used > cap.limits[r] + tolerance(cap.limits[r])) return false;
  }
  if (vms.some((v) => platformViolations(v, host, cap.platform).length)) return false;
  const groups = vms.flatMap((v) => v.antiAffinity ?? []);
  return new Set(groups).size === groups.length;
}
