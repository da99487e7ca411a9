import { invalid } from '../errors.js';
import type { LicenceItem, LicensingOption, Prices2008, Prices2016 } from './licensingTypes.js';
import { formatMoneyAmount } from '../format/numbers.js';

const usd = (x: number) => formatMoneyAmount(x);

/**
 * Validates a price: a finite number >= 0, else throws `invalid-value` naming `path`.
 *
 * @example
 * validPrice(999, 'prices.standard') // => 999
 */
export function validPrice(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(path, 'a price: a finite number >= 0', value);
  return value;
}

function item(edition: LicenceItem['edition'], count: number, unitPrice: number, rule: string): LicenceItem {
  return { edition, count, unitPrice, amount: count * unitPrice, rule };
}

function option(items: LicenceItem[]): LicensingOption {
  const kept = items.filter((i) => i.count > 0);
  return { total: kept.reduce((s, i) => s + i.amount, 0), items: kept };
}

/**
 * The cheapest mix of 2008 Standard (1 VM each) and Enterprise (4 VMs each) licences, stacked
 * on one host, for `windowsGuests` guests; at least one licence for the host itself. The cost
 * is linear in the Enterprise count between 0 and floor(guests / 4), so only those ends, 1 and
 * ceil(guests / 4) are compared (the same answer as trying every count). O(1).
 *
 * @example
 * // 5 VMs: Enterprise + Standard = $2,999 + $999 = $3,998
 * standardEnterpriseMix(5, { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 }).total // => 3998
 */
export function standardEnterpriseMix(windowsGuests: number, prices: Prices2008): LicensingOption {
  let best: { e: number; s: number; cost: number } | undefined;
  const top = Math.max(1, Math.ceil(windowsGuests / 4));
  for (const e of [...new Set([0, 1, Math.floor(windowsGuests / 4), top])].filter((x) => x <= top).sort((a, b) => a - b)) {
    const s = Math.max(windowsGuests - 4 * e, e === 0 ? 1 : 0);
    const cost = e * prices.enterprise + s * prices.standard;
    if (!best || cost < best.cost || (cost === best.cost && e + s < best.e + best.s)) best = { e, s, cost };
  }
  const { e, s } = best!;
  return option([
    item('enterprise', e, prices.enterprise, `${e} x ${usd(prices.enterprise)}: 4 virtual instances each`),
    item('standard', s, prices.standard, `${s} x ${usd(prices.standard)}: 1 virtual instance each${windowsGuests === 0 ? ' (the host itself needs one)' : ''}`),
  ]);
}

/**
 * 2008 Datacenter: one licence per processor socket, unlimited virtual instances.
 *
 * @example
 * datacenter2008(2, { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 }).total // => 5998
 */
export function datacenter2008(sockets: number, prices: Prices2008): LicensingOption {
  return option([item('datacenter', sockets, prices.datacenterPerSocket, `${sockets} sockets x ${usd(prices.datacenterPerSocket)} per socket: unlimited virtual instances`)]);
}

/**
 * Cores to license under the 2016+ rules: every physical core, at least 8 per socket and 16
 * per host, rounded up to the 2-core packs they are sold in.
 *
 * @example
 * licensedCores2016(1, 4)  // => 16 (1 x max(4, 8) = 8, raised to the 16-core host minimum)
 * licensedCores2016(2, 12) // => 24
 */
export function licensedCores2016(sockets: number, coresPerSocket: number): number {
  const cores = Math.max(16, sockets * Math.max(8, coresPerSocket));
  return Math.ceil(cores / 2) * 2;
}

/**
 * 2016+ Standard: all cores licensed once per 2 VMs (stacked), at least once for the host.
 *
 * @example
 * // 2 x 8 cores, 10 VMs: ceil(10 / 2) = 5 stackings x $1,069 x 16 / 16 = $5,345
 * standard2016(10, 16, { standardPer16Cores: 1069, datacenterPer16Cores: 6155 }).total // => 5345
 */
export function standard2016(windowsGuests: number, cores: number, prices: Prices2016): LicensingOption {
  const stacks = Math.max(1, Math.ceil(windowsGuests / 2));
  const unit = (prices.standardPer16Cores * cores) / 16;
  return option([item('standard', stacks, unit, `${stacks} x ${usd(prices.standardPer16Cores)} per 16 cores x ${cores} cores / 16 = ${stacks} x ${usd(unit)}: 2 VMs per full licensing of the cores`)]);
}

/**
 * 2016+ Datacenter: all cores licensed once, unlimited VMs.
 *
 * @example
 * datacenter2016(16, { standardPer16Cores: 1069, datacenterPer16Cores: 6155 }).total // => 6155
 */
export function datacenter2016(cores: number, prices: Prices2016): LicensingOption {
  const unit = (prices.datacenterPer16Cores * cores) / 16;
  return option([item('datacenter', 1, unit, `${usd(prices.datacenterPer16Cores)} per 16 cores x ${cores} cores / 16: unlimited VMs`)]);
}

/**
 * Hyper-V Server on the host (free) and one licence per Windows guest.
 *
 * @example
 * hyperVServer(3, 999).total // => 2997
 */
export function hyperVServer(windowsGuests: number, perGuest: number): LicensingOption {
  return option([
    { ...item('hyper-v-server', 1, 0, 'Hyper-V Server: the host is free'), amount: 0 },
    item('guest', windowsGuests, perGuest, `${windowsGuests} Windows guests x ${usd(perGuest)} each`),
  ]);
}
