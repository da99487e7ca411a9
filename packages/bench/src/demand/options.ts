import { HostplanError, type Assumption, type Host, type Vm } from '@hostplan/core';

/** Options that turn statistics into demand; defaults resolved by `resolveDemandOptions` (internal). */
export interface DemandOptions {
  /** Percentile (0..100) each VM is sized at. @defaultValue 95 (Azure Migrate, MAP toolkit) */
  readonly percentile?: number;
  /** Multiplier on the measured percentile (Azure Migrate uses 1.3). @defaultValue 1 */
  readonly comfortFactor?: number;
  /**
   * Ceiling on a resource's use, 0..1: used for suggested VM sizes and growth crossing dates.
   * Separate from the comfort factor; host capacity applies its own `policy.targetUtilization`.
   * @defaultValue 1 (core's default: no ceiling beyond reserves)
   */
  readonly targetUtilization?: number;
  /** Host clock when `hosts` does not name the measured host. @defaultValue null (GHz unknown: VMs get cpuUtilization instead) */
  readonly clockGHz?: number | null;
  /** Host inventory, matched to the measured host name (case-insensitive): gives the clock. @defaultValue `[]` (clock from `clockGHz` only) */
  readonly hosts?: readonly Host[];
  /** VM inventory, matched by VM name (case-insensitive): allocated sizes, guest OS, groups. @defaultValue `[]` (sizes from the measurements only) */
  readonly inventory?: readonly Vm[];
  /** A VM is idle under this many cores' worth of CPU at the percentile. @defaultValue 0.01 (1 % of one core) */
  readonly idleCpuCores?: number;
  /** ...or under this many MHz when the clock is known. @defaultValue 100 (VMware Aria) */
  readonly idleCpuMHz?: number;
  /** A VM is oversized when its allocation is at least this many times the suggested size. @defaultValue 2 */
  readonly oversizeFactor?: number;
  /** Size on the percentile of the roll-up (peak per window, Azure Migrate) instead of raw samples. @defaultValue false */
  readonly useRollup?: boolean;
  /**
   * Days after the last measured day that a suggested size must still cover: a VM whose daily
   * CPU peaks trend upwards is never advised a cut its own trend outgrows within the horizon.
   * @defaultValue 90 (hostplan: one quarter)
   */
  readonly growthHorizonDays?: number;
}

/** {@link DemandOptions} with every default applied. */
export interface ResolvedDemandOptions {
  readonly percentile: number;
  readonly comfortFactor: number;
  readonly targetUtilization: number;
  readonly clockGHz: number | null;
  readonly hosts: readonly Host[];
  readonly inventory: readonly Vm[];
  readonly idleCpuCores: number;
  readonly idleCpuMHz: number;
  readonly oversizeFactor: number;
  readonly useRollup: boolean;
  readonly growthHorizonDays: number;
}

function num(value: number, path: string, ok: (x: number) => boolean, expected: string): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && ok(value))) throw new HostplanError('invalid-value', path, `expected ${expected}, got ${String(value)}`, expected, value);
  return value;
}

/**
 * Applies the defaults of {@link DemandOptions} and validates them (HostplanError
 * `invalid-value` with the option's path).
 *
 * @example
 * resolveDemandOptions({ comfortFactor: 1.3 }).percentile // => 95
 */
export function resolveDemandOptions(o: DemandOptions = {}): ResolvedDemandOptions {
  return {
    percentile: num(o.percentile ?? 95, 'demand.percentile', (x) => x >= 0 && x <= 100, 'a percentile in 0..100'),
    comfortFactor: num(o.comfortFactor ?? 1, 'demand.comfortFactor', (x) => x > 0, 'a positive number'),
    targetUtilization: num(o.targetUtilization ?? 1, 'demand.targetUtilization', (x) => x > 0 && x <= 1, 'a share in (0, 1]'),
    clockGHz: o.clockGHz == null ? null : num(o.clockGHz, 'demand.clockGHz', (x) => x > 0, 'a positive clock in GHz'),
    hosts: o.hosts ?? [],
    inventory: o.inventory ?? [],
    idleCpuCores: num(o.idleCpuCores ?? 0.01, 'demand.idleCpuCores', (x) => x >= 0, 'a non-negative number'),
    idleCpuMHz: num(o.idleCpuMHz ?? 100, 'demand.idleCpuMHz', (x) => x >= 0, 'a non-negative number'),
    oversizeFactor: num(o.oversizeFactor ?? 2, 'demand.oversizeFactor', (x) => x > 1, 'a number above 1'),
    useRollup: o.useRollup ?? false,
    growthHorizonDays: num(o.growthHorizonDays ?? 90, 'demand.growthHorizonDays', (x) => x >= 0, 'a number of days >= 0'),
  };
}

/**
 * The demand defaults and inputs behind a result, for the output's `assumptions`.
 *
 * @example
 * demandAssumptions({}).find((a) => a.name === 'demand.comfortFactor') // => { value: 1, isDefault: true, ... }
 */
export function demandAssumptions(o: DemandOptions = {}): Assumption[] {
  const r = resolveDemandOptions(o);
  const a = (name: keyof DemandOptions, value: unknown, source: string, unit?: string): Assumption => ({
    name: `demand.${name}`, value, ...(unit && { unit }), source: o[name] === undefined ? source : 'input', isDefault: o[name] === undefined,
  });
  return [
    a('percentile', r.percentile, 'Azure Migrate default and MAP toolkit: size on the 95th percentile', 'percent'),
    a('comfortFactor', r.comfortFactor, 'hostplan: 1.0 (Azure Migrate uses 1.3); multiplies the measured percentile', 'x'),
    a('targetUtilization', r.targetUtilization, 'core policy default: no ceiling; used for suggested sizes and growth dates, separate from the comfort factor', 'share'),
    a('clockGHz', r.clockGHz, 'unknown unless --hosts or --clock names it: CPU demand then given as a share of vCPUs', 'GHz'),
    a('idleCpuCores', r.idleCpuCores, 'hostplan: under 1 % of one core at the percentile is idle', 'cores'),
    a('idleCpuMHz', r.idleCpuMHz, 'VMware Aria Operations: CPU demand at or under about 100 MHz is idle', 'MHz'),
    a('oversizeFactor', r.oversizeFactor, 'hostplan: allocated at least 2 x the suggested size is oversized', 'x'),
    a('useRollup', r.useRollup, 'hostplan: percentile of raw samples (Azure Migrate takes the peak per 10 minutes first)'),
    a('growthHorizonDays', r.growthHorizonDays, 'hostplan (unverified: a planning choice, one quarter): a suggested size covers the CPU trend this many days past the last measured day', 'days'),
  ];
}
