import { tolerance } from '../capacity/fits.js';
import { RESOURCES, type Resource } from '../model/resources.js';
import { maxOf } from '../math/fold.js';
import { cmp, type Farm, type FarmHost } from './farm.js';
import type { ResolvedScoring } from './scoring.js';
import type { Unit } from './units.js';

/** Each available host by its weighted capacity over the largest limits: occupied hosts first, then the largest, then id. */
function hostOrder(farm: Farm, weights: Readonly<Record<Resource, number>>): FarmHost[] {
  const largest = {} as Record<Resource, number>;
  for (const r of RESOURCES) largest[r] = maxOf(farm.hosts, (fh) => (Number.isFinite(fh.capacity.limits[r]) ? fh.capacity.limits[r] : 0), 0);
  const size = (fh: FarmHost) => RESOURCES.reduce((s, r) => s + (largest[r] > 0 && Number.isFinite(fh.capacity.limits[r]) ? (weights[r] || 0.01) * fh.capacity.limits[r] / largest[r] : 0), 0);
  return farm.hosts.filter((fh) => !fh.host.unavailable)
    .map((fh) => ({ fh, occupied: fh.vms.length > 0 ? 1 : 0, size: size(fh) }))
    .sort((a, b) => b.occupied - a.occupied || b.size - a.size || cmp(a.fh.host.id, b.fh.host.id)).map((x) => x.fh);
}

/** Each unit's demand at each host clock, as rows of a flat array: [unit * R + r] (built per clock when first asked). */
function demandRows(farm: Farm, ordered: readonly Unit[]): (host: FarmHost['host']) => Float64Array {
  const byClock = new Map<number, Float64Array>();
  return (host) => {
    let rows = byClock.get(host.clockGHz);
    if (!rows) {
      rows = new Float64Array(ordered.length * R);
      ordered.forEach((u, i) => { const d = farm.unitDemand(u.vms, host); RESOURCES.forEach((r, k) => (rows![i * R + k] = d[r])); });
      byClock.set(host.clockGHz, rows);
    }
    return rows;
  };
}

const R = RESOURCES.length;

/**
 * `fitsFast` for a unit whose capacity on the host was tested on the flat rows. A unit with no
 * anti-affinity group (and no peak coincidence) passes or fails the other rules (availability,
 * platform) the same way all through one host's turn, so the answer is kept in `rulesOk` (0:
 * not known yet, 1: passes, -1: fails), which is reset for each host.
 */
function passesRules(farm: Farm, fh: FarmHost, u: Unit, index: number, rulesOk: Int8Array): boolean {
  if (rulesOk[index] !== 0) return rulesOk[index] === 1;
  const ok = farm.fitsFast(u.vms, fh);
  if (farm.coincidence === null && u.vms.every((vm) => !vm.antiAffinity?.length)) rulesOk[index] = ok ? 1 : -1;
  return ok;
}

/**
 * The unit (index in `left`) with the largest weighted dot product of its demand and the host's
 * free share, or -1 when none fits. Capacity is tested on the flat rows first (the comparison of
 * `exceeds`; not under peak coincidence, where use is not a sum), the full filter after.
 */
function bestDotProduct(farm: Farm, fh: FarmHost, ordered: readonly Unit[], left: readonly number[], rows: Float64Array, rulesOk: Int8Array, weights: Readonly<Record<Resource, number>>): number {
  const limits = fh.capacity.limits;
  const freeWithSlack = new Float64Array(R).fill(Infinity);
  if (farm.coincidence === null) RESOURCES.forEach((r, k) => (freeWithSlack[k] = limits[r] - fh.used[r] + tolerance(limits[r])));
  // the score's terms per resource, computed once per call (the same doubles as inline)
  const scored: number[] = [];
  const weight = new Float64Array(R);
  const limit = new Float64Array(R);
  const freeShare = new Float64Array(R);
  RESOURCES.forEach((r, k) => {
    const l = limits[r];
    if (!(Number.isFinite(l) && l > 0)) return;
    scored.push(k);
    weight[k] = weights[r] || 0.01;
    limit[k] = l;
    freeShare[k] = (l - fh.used[r]) / l;
  });
  let best = -1;
  let bestScore = -Infinity;
  for (let j = 0; j < left.length; j++) {
    const row = left[j]! * R;
    let fits = true;
    for (let k = 0; k < R && fits; k++) if (rows[row + k]! > freeWithSlack[k]!) fits = false;
    if (!fits || !passesRules(farm, fh, ordered[left[j]!]!, left[j]!, rulesOk)) continue;
    let score = 0;
    for (const k of scored) score += weight[k]! * (rows[row + k]! / limit[k]!) * freeShare[k]!;
    if (score > bestScore) { bestScore = score; best = j; }
  }
  return best;
}

/**
 * Bin-centric construction on a farm (Panigrahy et al.'s DotProduct, per host): occupied hosts
 * first, then the others by decreasing weighted capacity; each takes, while any fits, the
 * unit whose demand (over the host's limits) has the largest weighted dot product with the
 * host's free share. Records each unit's host in `unitHost`; returns the units no host took.
 * O(units^2 + hosts x units).
 *
 * @example
 * fillHostByHost(farm, unitsLargestFirst, unitHost, scoring) // => [] (every unit placed)
 */
export function fillHostByHost(farm: Farm, ordered: readonly Unit[], unitHost: Map<Unit, FarmHost>, scoring: ResolvedScoring): Unit[] {
  const rowsAt = demandRows(farm, ordered);
  const left = ordered.map((_, i) => i);
  const rulesOk = new Int8Array(ordered.length);
  for (const fh of hostOrder(farm, scoring.weights)) {
    const rows = rowsAt(fh.host);
    rulesOk.fill(0);
    for (;;) {
      const best = bestDotProduct(farm, fh, ordered, left, rows, rulesOk, scoring.weights);
      if (best < 0) break;
      const u = ordered[left[best]!]!;
      farm.place(u.vms, fh);
      unitHost.set(u, fh);
      left.splice(best, 1);
    }
    if (left.length === 0) break;
  }
  return left.map((i) => ordered[i]!);
}
