import { HostplanError, invalid } from '../errors.js';
import type { Resource, ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Assumption } from '../plan/types.js';
import { DEFAULT_COINCIDENCE_PERCENTILE, PROFILED_RESOURCES, type CoincidenceOptions, type ProfiledResource } from './coincidenceTypes.js';
import type { FarmHost } from './farm.js';
import { quantileSelect7 } from '../math/quantile.js';
import { tolerance } from '../capacity/fits.js';

/** One VM's series for one resource, with its own percentile and range (internal). */
interface Series {
  /** Gaps already filled with `max`. */
  readonly values: Float64Array;
  /** The percentile (type 7) of the measured points only: the VM's series is shifted by demand - p. */
  readonly p: number;
  /** The percentile of `values` (gaps filled): what the VM alone adds to an empty host's percentile. */
  readonly pFilled: number;
  /** Buckets with no measurement. */
  readonly gaps: number;
  readonly min: number;
  readonly max: number;
}

/** Coincidence options validated, with defaults filled in (internal). */
export interface ResolvedCoincidence {
  readonly percentile: number;
  readonly resources: readonly ProfiledResource[];
  /** Points on the shared time grid. */
  readonly points: number;
  readonly profiles: ReadonlyMap<string, ReadonlyMap<ProfiledResource, Series>>;
  /** Ids of profiles whose VM is not in `vms` (validated, then not used), sorted. */
  readonly unused: readonly string[];
}

/**
 * Validates {@link CoincidenceOptions}: resources, one grid length, finite values (NaN or null
 * mark gaps: each series is shifted against the percentile of its measured points, and a gap
 * counts as the VM's highest measured value in a host's sum), a percentile in 0..100. Profiles of VMs not in `vms` (a subset being placed, e.g. measured
 * VMs missing from the inventory) are validated and listed in `unused`. O(VMs x resources x points).
 */
export function resolveCoincidence(o: CoincidenceOptions, vms: readonly Vm[]): ResolvedCoincidence {
  const path = 'options.coincidence';
  if (typeof o !== 'object' || o === null) invalid(path, 'an object { profiles, percentile?, resources? }', o);
  const percentile = o.percentile ?? DEFAULT_COINCIDENCE_PERCENTILE;
  if (typeof percentile !== 'number' || !(percentile >= 0 && percentile <= 100)) invalid(`${path}.percentile`, 'a number from 0 to 100', percentile);
  if (typeof o.profiles !== 'object' || o.profiles === null) invalid(`${path}.profiles`, 'an object: VM id -> { cpuGHz?, memoryMB?, iops?, networkMbps? } series', o.profiles);
  const ids = new Set(vms.map((v) => v.id));
  const present = new Set<ProfiledResource>();
  let points = -1;
  const profiles = new Map<string, Map<ProfiledResource, Series>>();
  const unused: string[] = [];
  const q = percentile / 100;
  for (const [id, profile] of Object.entries(o.profiles).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const m = new Map<ProfiledResource, Series>();
    for (const [r, values] of Object.entries(profile ?? {})) {
      const p = `${path}.profiles.${id}.${r}`;
      if (!(PROFILED_RESOURCES as readonly string[]).includes(r)) invalid(p, `a profiled resource (${PROFILED_RESOURCES.join(', ')})`, r);
      if (values === undefined) continue;
      if (typeof values !== 'object' || values === null || typeof values.length !== 'number' || values.length === 0) invalid(p, 'a non-empty array of numbers', values);
      if (points < 0) points = values.length;
      else if (values.length !== points) throw new HostplanError('invalid-value', p, `expected ${points} values (one shared time grid), got ${values.length}`, `${points} values`, values.length);
      const raw = values as ArrayLike<unknown>;
      const a = new Float64Array(raw.length);
      let min = Infinity;
      let max = -Infinity;
      let gaps = 0;
      for (let i = 0; i < a.length; i++) {
        const v = raw[i];
        // NaN (or null in JSON) marks a bucket with no measurement
        if (v === null || (typeof v === 'number' && Number.isNaN(v))) { a[i] = Number.NaN; gaps++; continue; }
        if (typeof v !== 'number' || !Number.isFinite(v)) invalid(`${p}[${i}]`, 'a finite number, or NaN / null for a gap', v);
        a[i] = v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (gaps === a.length) invalid(p, 'at least one measured value (NaN / null mark gaps)', values);
      // the shift uses the percentile of the measured points only, so a gap never moves a real point;
      // in the host's sum a gap counts as the VM's highest measured value (conservative)
      const measured = gaps ? a.filter((x) => !Number.isNaN(x)) : a.slice();
      const pMeasured = quantileSelect7(measured, q);
      if (gaps) for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i]!)) a[i] = max;
      m.set(r as ProfiledResource, { values: a, p: pMeasured, pFilled: gaps ? quantileSelect7(a.slice(), q) : pMeasured, min, max, gaps });
      present.add(r as ProfiledResource);
    }
    if (!ids.has(id)) unused.push(id);
    else if (m.size > 0) profiles.set(id, m);
  }
  const resources = o.resources ?? PROFILED_RESOURCES.filter((r) => present.has(r));
  if (!Array.isArray(resources)) invalid(`${path}.resources`, `an array of ${PROFILED_RESOURCES.join(', ')}`, resources);
  resources.forEach((r, i) => { if (!PROFILED_RESOURCES.includes(r)) invalid(`${path}.resources[${i}]`, `a profiled resource (${PROFILED_RESOURCES.join(', ')})`, r); });
  return { percentile, resources: PROFILED_RESOURCES.filter((r) => resources.includes(r)), points: Math.max(0, points), profiles, unused };
}

/** The coincidence settings as assumptions, for the plan's `assumptions`. */
export function coincidenceAssumptions(o: CoincidenceOptions | undefined, c: ResolvedCoincidence | null): Assumption[] {
  if (!o || !c) return [{ name: 'placement.coincidence', value: 'off', source: 'hostplan default: a host uses the sum of its VMs\' demands (each at its own percentile)', isDefault: true }];
  return [
    { name: 'placement.coincidence', value: 'on', source: 'input: a host uses the percentile of the summed series of its VMs (peak coincidence), each VM\'s series shifted so that its own percentile equals its demand', isDefault: false },
    { name: 'placement.coincidence.percentile', value: c.percentile, unit: 'percentile (type 7) of the summed series', source: o.percentile === undefined ? 'hostplan default' : 'input', isDefault: o.percentile === undefined },
    { name: 'placement.coincidence.resources', value: [...c.resources], source: o.resources === undefined ? 'hostplan: every resource some profile has' : 'input', isDefault: o.resources === undefined },
    { name: 'placement.coincidence.points', value: c.points, unit: 'time buckets per profile', source: 'input', isDefault: false },
    { name: 'placement.coincidence.profiledVms', value: c.profiles.size, unit: 'VMs (the others count at their demand at every instant)', source: 'input', isDefault: false },
    { name: 'placement.coincidence.unusedProfiles', value: [...c.unused], unit: 'ids of profiles whose VM is not among the VMs placed', source: 'input', isDefault: false },
  ];
}

/** One host's state for one resource: the summed profiles and a constant part. */
interface HostSeries {
  readonly sum: Float64Array;
  /** Profiled VMs in the sum. */
  profiled: number;
  /** Sum of (demand - own percentile) over profiled VMs plus the demand of unprofiled ones. */
  offset: number;
  /** The percentile of `sum` (0 when no profiled VM). */
  base: number;
}

/**
 * Hosts' use under peak coincidence during placement (a running accumulator, internal): per
 * host and profiled resource, the summed profiles and a constant, so that the use is
 * percentile(sum) + constant (adding a constant moves a percentile by that constant). Adding
 * or removing a VM is O(points); a fit test is O(1) when the VM's range decides it
 * (use + min > limit or use + max <= limit), else O(points) by selection.
 */
export class CoincidentUse {
  private readonly hostState = new Map<FarmHost, Map<ProfiledResource, HostSeries>>();
  private readonly scratch: Float64Array;
  private readonly q: number;
  private readonly handled: ReadonlySet<Resource>;

  constructor(readonly resolved: ResolvedCoincidence) {
    this.scratch = new Float64Array(resolved.points);
    this.q = resolved.percentile / 100;
    this.handled = new Set(resolved.resources);
  }

  /** Whether this resource's use is measured by coincidence. */
  handles(r: Resource): boolean {
    return this.handled.has(r);
  }

  private state(fh: FarmHost, r: ProfiledResource): HostSeries {
    let m = this.hostState.get(fh);
    if (!m) this.hostState.set(fh, (m = new Map()));
    let s = m.get(r);
    if (!s) m.set(r, (s = { sum: new Float64Array(this.resolved.points), profiled: 0, offset: 0, base: 0 }));
    return s;
  }

  /** The host's use of `r` with `unit` added (demands from `demandOf`, on this host). */
  useWith(fh: FarmHost, r: ProfiledResource, unit: readonly Vm[], demandOf: (vm: Vm) => Readonly<ResourceVector>): number {
    const s = this.state(fh, r);
    let offset = s.offset;
    let first: Series | null = null;
    let count = 0;
    for (const vm of unit) {
      const d = demandOf(vm)[r];
      const x = this.resolved.profiles.get(vm.id)?.get(r);
      if (x) { offset += d - x.p; count++; first ??= x; } else offset += d;
    }
    if (count === 0) return s.base + offset;
    if (s.profiled === 0 && count === 1) return first!.pFilled + offset;
    const a = this.scratch;
    a.set(s.sum);
    for (const vm of unit) {
      const x = this.resolved.profiles.get(vm.id)?.get(r);
      if (x) for (let i = 0; i < a.length; i++) a[i]! += x.values[i]!;
    }
    return quantileSelect7(a, this.q) + offset;
  }

  /** Whether the unit fits every coincidence-measured resource of the host (same tolerance as the scalar filter). */
  fits(fh: FarmHost, unit: readonly Vm[], demandOf: (vm: Vm) => Readonly<ResourceVector>): boolean {
    const limits = fh.capacity.limits;
    for (const r of this.resolved.resources) {
      const l = limits[r];
      if (l === Infinity) continue;
      const room = l + tolerance(l);
      if (unit.length === 1) {
        // the range of the VM's series bounds the new percentile: base + min <= P(sum + x) <= base + max
        const vm = unit[0]!;
        const x = this.resolved.profiles.get(vm.id)?.get(r);
        const s = this.state(fh, r);
        const d = demandOf(vm)[r];
        if (!x) { if (s.base + s.offset + d > room) return false; continue; }
        const shift = s.offset + d - x.p;
        if (s.base + x.min + shift > room) return false;
        if (s.base + x.max + shift <= room) continue;
      }
      if (this.useWith(fh, r, unit, demandOf) > room) return false;
    }
    return true;
  }

  /** `d` (the unit's summed demand) with each measured resource replaced by the increase of the host's use. */
  marginal(fh: FarmHost, unit: readonly Vm[], d: Readonly<ResourceVector>, demandOf: (vm: Vm) => Readonly<ResourceVector>): ResourceVector {
    const out = { ...d };
    for (const r of this.resolved.resources) out[r] = this.useWith(fh, r, unit, demandOf) - fh.used[r];
    return out;
  }

  /** Adds (`sign` 1) or removes (-1) the unit on the host and sets the host's `used` for each measured resource. */
  apply(fh: FarmHost, unit: readonly Vm[], demandOf: (vm: Vm) => Readonly<ResourceVector>, sign: 1 | -1): void {
    for (const r of this.resolved.resources) {
      const s = this.state(fh, r);
      for (const vm of unit) {
        const d = demandOf(vm)[r];
        const x = this.resolved.profiles.get(vm.id)?.get(r);
        if (!x) { s.offset += sign * d; continue; }
        s.offset += sign * (d - x.p);
        s.profiled += sign;
        const sum = s.sum;
        for (let i = 0; i < sum.length; i++) sum[i]! += sign * x.values[i]!;
      }
      if (s.profiled === 0) s.sum.fill(0);
      if (fh.vms.length === 0) s.offset = 0;
      if (s.profiled > 0) {
        this.scratch.set(s.sum);
        s.base = quantileSelect7(this.scratch, this.q);
      } else s.base = 0;
      fh.used[r] = s.base + s.offset;
    }
  }
}

/**
 * The VMs with their profiled demands set to zero, for a host lower bound that stays a lower
 * bound under peak coincidence (the percentile of a sum can be below the sum of percentiles).
 * O(VMs).
 */
export function withoutProfiledDemand(vms: readonly Vm[], c: ResolvedCoincidence): Vm[] {
  return vms.map((vm) => {
    const m = c.profiles.get(vm.id);
    if (!m) return vm;
    const has = (r: ProfiledResource) => m.has(r) && c.resources.includes(r);
    return {
      ...vm,
      ...(has('cpuGHz') && { cpuDemandGHz: 0 }),
      ...(has('memoryMB') && { memoryGB: 0 }),
      ...(has('iops') && { iops: 0 }),
      ...(has('networkMbps') && { networkMbps: 0 }),
    };
  });
}
