import { invalid } from '../errors.js';
import { classifyGuestOs } from '../guest/classifyGuestOs.js';
import {
  datacenter2008, datacenter2016, hyperVServer, licensedCores2016, validPrice as price, standard2016, standardEnterpriseMix,
} from './licensingRules.js';
import type { LicensedGuest, LicensingInput, LicensingOption, LicensingResult, Prices2008, Prices2016 } from './licensingTypes.js';

/**
 * Whether a guest needs a Windows licence, by the guest OS table (`classifyGuestOs`): yes for
 * every Windows name (`Server 2008 R2`, `W2K3 SP2`, `Vista SP1`, `XP SP3`...), and for a name
 * the table does not know or no name at all (never silently free: `guestOsAssumptions` lists
 * them); no for Linux, BSD and the other families the table knows.
 *
 * @example
 * needsWindowsLicence({ guestOS: 'SLES 10' })  // => false
 * needsWindowsLicence({ guestOS: 'W2K3 SP2' }) // => true
 * needsWindowsLicence({})                      // => true
 */
export function needsWindowsLicence(guest: LicensedGuest): boolean {
  return classifyGuestOs(guest.guestOS).needsWindowsLicence;
}

function whole(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) invalid(path, `a whole number >= ${min} (at most 2^53 - 1)`, value);
  return value;
}

function countGuests(vms: LicensingInput['vms']): number {
  if (typeof vms === 'number') return whole(vms, 'licensing.vms', 0);
  if (!Array.isArray(vms)) invalid('licensing.vms', 'a number of Windows guests, or a list of guests', vms);
  return vms.filter(needsWindowsLicence).length;
}

const fewerLicences = (o: LicensingOption) => o.items.reduce((s, i) => s + i.count, 0);

/**
 * The cheapest Windows Server licensing of one virtualization host, with every option compared.
 * 2008 / 2008 R2: Standard covers 1 VM, Enterprise 4, stackable in any mix; Datacenter per
 * socket, unlimited. 2016 onward: all cores (at least 8 per socket, 16 per host); Standard
 * covers 2 VMs per full licensing of the cores and stacks; Datacenter unlimited. With
 * `hostOs: 'hyper-v-server'` (or `'cheapest'`) the free host with one licence per Windows guest.
 * Ties go to the option with fewer licences. O(1) in the VM count (O(VMs) to count a list).
 *
 * @example
 * // 2008, 2 sockets, 10 VMs: Datacenter 2 x $2,999 = $5,998 beats 3 Enterprise ($8,997)
 * cheapestLicensing({ era: '2008', sockets: 2, coresPerSocket: 4, vms: 10,
 *   prices: { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 } })
 * // => { total: 5998, items: [{ edition: 'datacenter', count: 2, ... }], ... }
 */
export function cheapestLicensing(input: LicensingInput): LicensingResult {
  const sockets = whole(input.sockets, 'licensing.sockets', 1);
  const coresPerSocket = whole(input.coresPerSocket, 'licensing.coresPerSocket', 1);
  const guests = countGuests(input.vms);
  const hostOs = input.hostOs ?? 'windows';
  if (!['windows', 'hyper-v-server', 'cheapest'].includes(hostOs)) invalid('licensing.hostOs', 'windows, hyper-v-server or cheapest', hostOs);
  const options: LicensingOption[] = [];
  let licensedCores: number | null = null;
  let perGuest: number | undefined;
  if (input.era === '2008') {
    const p = input.prices as Prices2008;
    const prices: Prices2008 = {
      standard: price(p.standard, 'licensing.prices.standard'),
      enterprise: price(p.enterprise, 'licensing.prices.enterprise'),
      datacenterPerSocket: price(p.datacenterPerSocket, 'licensing.prices.datacenterPerSocket'),
    };
    perGuest = p.perGuest === undefined ? prices.standard : price(p.perGuest, 'licensing.prices.perGuest');
    if (hostOs !== 'hyper-v-server') options.push(standardEnterpriseMix(guests, prices), datacenter2008(sockets, prices));
  } else if (input.era === '2016') {
    const p = input.prices as Prices2016;
    const prices: Prices2016 = {
      standardPer16Cores: price(p.standardPer16Cores, 'licensing.prices.standardPer16Cores'),
      datacenterPer16Cores: price(p.datacenterPer16Cores, 'licensing.prices.datacenterPer16Cores'),
    };
    licensedCores = licensedCores2016(sockets, coresPerSocket);
    if (p.perGuest !== undefined) perGuest = price(p.perGuest, 'licensing.prices.perGuest');
    else if (hostOs !== 'windows') invalid('licensing.prices.perGuest', 'a per-guest price to price Hyper-V Server under the 2016 rules', undefined);
    if (hostOs !== 'hyper-v-server') options.push(standard2016(guests, licensedCores, prices), datacenter2016(licensedCores, prices));
  } else {
    invalid('licensing.era', "'2008' (2008 and 2008 R2 rules) or '2016' (per-core rules of 2016 and later)", input.era);
  }
  if (hostOs !== 'windows') options.push(hyperVServer(guests, perGuest!));
  options.sort((a, b) => a.total - b.total || fewerLicences(a) - fewerLicences(b));
  const best = options[0]!;
  return { total: best.total, items: best.items, windowsGuests: guests, licensedCores, options };
}
