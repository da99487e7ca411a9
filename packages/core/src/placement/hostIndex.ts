import { tolerance } from '../capacity/fits.js';
import type { Host } from '../model/host.js';
import { RESOURCES } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { NEUTRAL_SCORE } from './absoluteScore.js';
import type { Farm } from './farm.js';
import { rankRatings, ratingFarm, ratingRow } from './rateHosts.js';
import type { ResolvedScoring } from './scoring.js';
import type { HostRating, RateHostsOptions } from './types.js';

const R = RESOURCES.length;

/** What {@link HostIndex.rate} returns: the best hosts in full, and how many could take the VM. */
export interface IndexedRatings {
  /** The `top` best hosts that can take the VM, best first, as {@link rateHosts} rates them (explanations against the best). */
  readonly ratings: readonly HostRating[];
  /** Hosts that can take the VM (stars > 0). */
  readonly suitable: number;
  /** Hosts in the index. */
  readonly hosts: number;
}

/**
 * The hosts of a farm with their running VMs, indexed for rating many VMs one after the other
 * (a provisioning tool's "which host for this VM?"): each host's limits and use in flat arrays,
 * so that one VM is rated against every host in one pass of arithmetic, and the full rating
 * (reasons, explanation) is built only for the best hosts and on request. Ratings are those of
 * {@link rateHosts}, the same stars, order and explanations. Build with {@link indexHosts}.
 */
export class HostIndex {
  private readonly limits: Float64Array;
  private readonly used: Float64Array;

  /** @internal Use {@link indexHosts}. */
  constructor(private readonly farm: Farm, private readonly scoring: ResolvedScoring) {
    const n = farm.hosts.length;
    this.limits = new Float64Array(n * R);
    this.used = new Float64Array(n * R);
    farm.hosts.forEach((fh, i) => {
      RESOURCES.forEach((r, k) => { this.limits[i * R + k] = fh.capacity.limits[r]; });
      this.sync(i);
    });
  }

  /**
   * Rates every host for the VM and returns the `top` best in full. O(hosts x resources) for
   * the pass, O(top x (resources + running VMs' rules)) for the full ratings.
   *
   * @example
   * const index = indexHosts(hosts, { placed, goal: 'balance' });
   * index.rate(newVm, { top: 3 }).ratings.map((r) => r.host) // => ['h00042', 'h00917', 'h00003']
   */
  rate(vm: Vm, options: { readonly top?: number } = {}): IndexedRatings {
    const top = options.top ?? 10;
    const best: { i: number; score: number }[] = [];
    let suitable = 0;
    this.scan(vm, (i, score) => {
      suitable++;
      if (best.length === top && score <= best[top - 1]!.score) return;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      best.splice(at, 0, { i, score });
      if (best.length > top) best.pop();
    });
    const rows = best.map((b) => ratingRow(this.farm, this.farm.hosts[b.i]!, vm, this.scoring));
    return { ratings: rankRatings(rows, vm.id), suitable, hosts: this.farm.hosts.length };
  }

  /**
   * The full rating of one host for the VM (reasons for zero stars, or what separates it from
   * the best host), as {@link rateHosts} gives it. O(hosts x resources).
   *
   * @example
   * indexHosts(hosts, { placed }).explain(newVm, 'h00017').explanation // => '3.5 stars vs 4.5 on h00042: memory after placement ...'
   */
  explain(vm: Vm, host: string): HostRating {
    const fh = this.farm.byId.get(host);
    if (!fh) throw new RangeError(`host ${host} is not in the index`);
    const top = this.rate(vm, { top: 1 }).ratings[0];
    const rows = [ratingRow(this.farm, fh, vm, this.scoring)];
    if (top && top.host !== host) rows.push(ratingRow(this.farm, this.farm.byId.get(top.host)!, vm, this.scoring));
    return rankRatings(rows, vm.id).find((r) => r.host === host)!;
  }

  /**
   * Records that the VM now runs on the host (after placing it), so later ratings see it. O(resources).
   *
   * @example
   * index.place(newVm, index.rate(newVm).ratings[0].host)
   */
  place(vm: Vm, host: string): void {
    const fh = this.farm.byId.get(host);
    if (!fh) throw new RangeError(`host ${host} is not in the index`);
    this.farm.place([vm], fh);
    this.sync(this.farm.hosts.indexOf(fh));
  }

  /** Calls `found(i, score)` for each host that can take the VM, in host id order. */
  private scan(vm: Vm, found: (i: number, score: number) => void): void {
    const { limits, used, farm, scoring } = this;
    const w = RESOURCES.map((r) => scoring.weights[r]);
    const balance = scoring.goal === 'balance';
    const occupiedWeight = balance ? 0 : scoring.occupiedWeight;
    const groups = vm.antiAffinity ?? [];
    let clock = Number.NaN;
    const d = new Float64Array(R);
    farm.hosts.forEach((fh, i) => {
      if (fh.host.unavailable) return;
      if (fh.host.clockGHz !== clock) {
        clock = fh.host.clockGHz;
        const v = farm.demand(vm, fh.host);
        RESOURCES.forEach((r, k) => { d[k] = v[r]; });
      }
      const o = i * R;
      let sum = 0;
      let total = 0;
      for (let k = 0; k < R; k++) {
        const l = limits[o + k]!;
        if (d[k]! > l - used[o + k]! + tolerance(l)) return; // as shortfalls() decides
        const after = used[o + k]! + d[k]!;
        const wk = w[k]!;
        if (wk > 0 && l > 0 && l !== Infinity) {
          const u = Math.min(1, Math.max(0, after / l));
          sum += wk * (balance ? 1 - u : u);
          total += wk;
        }
      }
      for (const g of groups) if (fh.groups.has(g)) return;
      if (!farm.platformOk(vm, fh)) return;
      if (occupiedWeight > 0) {
        sum += occupiedWeight * (fh.vms.length > 0 ? 1 : 0);
        total += occupiedWeight;
      }
      found(i, total === 0 ? NEUTRAL_SCORE : sum / total);
    });
  }

  private sync(i: number): void {
    const fh = this.farm.hosts[i]!;
    RESOURCES.forEach((r, k) => { this.used[i * R + k] = fh.used[r]; });
  }
}

/**
 * Indexes a farm's hosts with the VMs running on them, for fast repeated ratings (see
 * {@link HostIndex}). Same options and checks as {@link rateHosts}. O(hosts x resources + placed).
 *
 * @example
 * const index = indexHosts(hosts, { placed, goal: 'balance' });
 * index.rate(newVm).ratings[0].recommended // => true
 */
export function indexHosts(hosts: readonly Host[], options: RateHostsOptions = {}): HostIndex {
  const { farm, scoring } = ratingFarm(hosts, options);
  return new HostIndex(farm, scoring);
}
