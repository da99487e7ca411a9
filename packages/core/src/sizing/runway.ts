import { invalid } from '../errors.js';
import { hostCapacity } from '../capacity/hostCapacity.js';
import type { Vm } from '../model/vm.js';
import { tryFarm, type SizingContext } from './evaluateFarm.js';
import type { FarmSpec } from './buildFarm.js';
import type { Runway } from './types.js';

/**
 * The inventory grown to `count` VMs: the originals, then copies of them in order (ids
 * `web-01+1`, `web-01+2`...), without affinity groups (a copy is a new, independent VM).
 *
 * @example
 * grownInventory([{ id: 'a', vcpus: 1, memoryGB: 2 }], 3).map((v) => v.id) // => ['a', 'a+1', 'a+2']
 */
export function grownInventory(vms: readonly Vm[], count: number): Vm[] {
  const out = [...vms];
  for (let i = vms.length; i < count; i++) {
    const base = vms[i % vms.length]!;
    const { antiAffinity: _a, affinity: _b, ...rest } = base;
    out.push({ ...rest, id: `${base.id}+${Math.floor(i / vms.length)}` });
  }
  return out;
}

/**
 * VM count after `months` of compounded monthly growth: ceil(n x (1 + rate)^months).
 *
 * @example
 * vmsAfter(24, 0.05, 5) // => 31 (24 x 1.2763 = 30.6)
 */
export function vmsAfter(n: number, rate: number, months: number): number {
  return Math.ceil(n * Math.pow(1 + rate, months) - 1e-9);
}

/** Largest monthly growth rate accepted (10 = 1,000 % a month). */
export const MAX_GROWTH_RATE = 10;
/** Largest grown inventory hostplan sizes at the horizon; beyond it `hostsAtHorizon` is null. */
export const MAX_RUNWAY_VMS = 100_000;

/**
 * "When do we run out?": grows the VM count by `growthRate` a month (compounded) and finds
 * the first month at which the sized farm no longer holds every VM with its failover. A month
 * whose count exceeds the VMs the farm's hosts may run at all (the platform's running-VM
 * limit) runs out without packing, so the work is bounded by the farm, not by the rate; the
 * horizon is sized only up to {@link MAX_RUNWAY_VMS} VMs. O(horizon x (packing + failover
 * check)).
 *
 * @example
 * // 40 VMs growing 5 % a month on a farm with room for 50: month 5 (ceil(40 x 1.05^5) = 52)
 * runway(spec, vms, 0.05, 36, ctx).runsOutAtMonth // => 5
 */
export function runway(spec: readonly FarmSpec[], vms: readonly Vm[], growthRate: number, horizonMonths: number, ctx: SizingContext, hostsAt: (grown: readonly Vm[]) => number | null): Runway {
  if (!Number.isFinite(growthRate) || growthRate < 0 || growthRate > MAX_GROWTH_RATE) invalid('whatIf.growthRate', `a monthly growth rate in [0, ${MAX_GROWTH_RATE}] (0.02 for 2 %)`, growthRate);
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > 600) invalid('whatIf.horizonMonths', 'a whole number of months in [1, 600]', horizonMonths);
  const vmsByMonth = [vms.length];
  let runsOutAtMonth: number | null = null;
  if (vms.length > 0) {
    for (let t = 1; t <= horizonMonths; t++) {
      const n = vmsAfter(vms.length, growthRate, t);
      vmsByMonth.push(n);
      if (n === vmsByMonth[t - 1]) continue;
      if (n > farmVmLimit(spec, ctx) || !tryFarm(spec, grownInventory(vms, n), ctx, true).ok) {
        runsOutAtMonth = t;
        break;
      }
    }
  }
  const vmsAtHorizon = vmsAfter(vms.length, growthRate, horizonMonths);
  const hostsAtHorizon = vms.length === 0 ? 0 : vmsAtHorizon > MAX_RUNWAY_VMS ? null : hostsAt(grownInventory(vms, vmsAtHorizon));
  return { growthRate, horizonMonths, runsOutAtMonth, vmsByMonth, vmsAtHorizon, hostsAtHorizon };
}

/** VMs the farm's hosts may run at all: the sum of their running-VM limits (after targets). */
function farmVmLimit(spec: readonly FarmSpec[], ctx: SizingContext): number {
  return spec.reduce((s, x) => s + x.count * hostCapacity(x.entry.host, ctx.policy).limits.vms, 0);
}
