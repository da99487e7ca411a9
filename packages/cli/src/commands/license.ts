import { parseArgs } from 'node:util';
import { cheapestLicensing, DEFAULT_LICENCE_PRICES, guestOsAssumptions, parseLicencePrices, type Assumption, type HostOs, type LicensingEra, type LicensedGuest } from '@hostplan/core';
import { loadVms } from '@hostplan/bench';
import type { Command } from '../command.js';
import { money } from '../money.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';
import { readJsonFile } from '../options.js';

function whole(value: string | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < min) throw new UsageError(`--${option}: expected a whole number >= ${min}, got ${JSON.stringify(value)}`);
  return n;
}

export const license: Command = {
  name: 'license',
  summary: 'the cheapest Windows Server licensing of a virtualization host',
  help: `Usage: hostplan license --era 2008|2016 --sockets N --cores-per-socket N --vms N|FILE
                        [--prices FILE] [--host-os windows|hyper-v-server|cheapest]
                        [--per-guest PRICE] [--json OUT|-]

Compares every way to license one host for its Windows guests and prints the cheapest first.
2008 / 2008 R2 rules: Standard covers 1 VM, Enterprise 4 (stackable), Datacenter per socket
is unlimited. 2016 and later: all cores (at least 8 per socket, 16 per host) are licensed;
Standard covers 2 VMs per full licensing and stacks, Datacenter is unlimited. Hyper-V Server
(free host) with one licence per Windows guest is an option. Linux guests need no licence.

Options:
  --era 2008|2016          which rules (2008 = 2008 and 2008 R2; 2016 = per-core rules since)
  --sockets N              processor sockets of the host
  --cores-per-socket N     physical cores per socket
  --vms N|FILE             the number of Windows guests, or a VM file (JSON or CSV; guests
                           the guest OS table reads as Linux, BSD or another
                           non-Windows family are not counted; unknown names are, with a warning)
  --prices FILE            licence prices (flat, per era, or data/prices.json); default: the
                           built-in list prices, shown under assumptions
  --host-os OS             windows (default), hyper-v-server, or cheapest of the two
  --per-guest PRICE        price of one guest licence on Hyper-V Server (2008 default: Standard)
  --json OUT|-             write the result as JSON to OUT, or to standard output with -

Examples:
  hostplan license --era 2008 --sockets 2 --cores-per-socket 4 --vms 5
  hostplan license --era 2016 --sockets 2 --cores-per-socket 12 --vms data/vms.csv --prices data/prices.json --json -`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args], strict: true,
      options: { era: { type: 'string' }, sockets: { type: 'string' }, 'cores-per-socket': { type: 'string' }, vms: { type: 'string' }, prices: { type: 'string' }, 'host-os': { type: 'string' }, 'per-guest': { type: 'string' }, json: { type: 'string' } },
    });
    if (values.era !== '2008' && values.era !== '2016') throw new UsageError(`license needs --era 2008 or --era 2016${values.era ? `, got ${JSON.stringify(values.era)}` : ''}`);
    const era: LicensingEra = values.era;
    const sockets = whole(values.sockets, 'sockets', 1);
    const coresPerSocket = whole(values['cores-per-socket'], 'cores-per-socket', 1);
    if (sockets === undefined || coresPerSocket === undefined || values.vms === undefined) throw new UsageError('license needs --sockets N, --cores-per-socket N and --vms N|FILE');
    const hostOs = (values['host-os'] ?? 'windows') as HostOs;
    if (!['windows', 'hyper-v-server', 'cheapest'].includes(hostOs)) throw new UsageError(`--host-os: expected windows, hyper-v-server or cheapest, got ${JSON.stringify(hostOs)}`);
    const vms: number | LicensedGuest[] = /^\s*\d+\s*$/.test(values.vms) ? Number(values.vms) : await loadVms(values.vms, io.cwd);
    const given = values.prices ? parseLicencePrices(await readJsonFile(values.prices, io.cwd), era, values.prices) : undefined;
    const perGuest = values['per-guest'] === undefined ? undefined : Number(values['per-guest']);
    if (perGuest !== undefined && !(perGuest >= 0)) throw new UsageError(`--per-guest: expected a price >= 0, got ${JSON.stringify(values['per-guest'])}`);
    const defaults = DEFAULT_LICENCE_PRICES[era];
    const prices = { ...(given ?? defaults.prices), ...(perGuest !== undefined && { perGuest }) };
    const result = cheapestLicensing({ era, sockets, coresPerSocket, vms, prices, hostOs });
    const assumptions: Assumption[] = [
      { name: 'licensing.prices', value: prices, unit: defaults.currency, source: given ? values.prices! : `${defaults.source} (as of ${defaults.asOf}${defaults.unverified ? ', unverified' : ''})`, isDefault: !given },
      { name: 'licensing.hostOs', value: hostOs, source: values['host-os'] ? 'input' : 'hostplan default: Windows Server with the Hyper-V role', isDefault: !values['host-os'] },
      ...(Array.isArray(vms) ? [{ name: 'licensing.windowsGuests', value: result.windowsGuests, source: `${values.vms}: guests whose guestOS the guest OS table reads as Windows, or does not know, or is absent`, isDefault: false }] : []),
    ];
    const guests = Array.isArray(vms) ? guestOsAssumptions(vms) : { assumptions: [], warnings: [] };
    assumptions.push(...guests.assumptions);
    if (values.json) {
      await writeJson(values.json, { era, sockets, coresPerSocket, ...result, assumptions }, io);
      if (values.json === '-') return EXIT.ok;
    }
    io.stdout.write(`Windows Server ${era === '2008' ? '2008 / 2008 R2' : '2016+'} licensing for ${sockets} x ${coresPerSocket} cores, ${result.windowsGuests} Windows guest${result.windowsGuests === 1 ? '' : 's'}` +
      `${result.licensedCores !== null ? ` (${result.licensedCores} cores licensed)` : ''}\n\n`);
    io.stdout.write(table(['option', 'licences', 'total'], result.options.map((o, i) => [
      i === 0 ? 'cheapest' : String(i + 1),
      o.items.map((it) => `${it.edition} x ${it.count}`).join(' + '),
      money(o.total),
    ])));
    io.stdout.write(`\n${result.items.map((it) => `  ${it.edition}: ${it.rule}`).join('\n')}\n`);
    for (const w of guests.warnings) io.stdout.write(`warning: ${w}\n`);
    io.stdout.write(`\nPrices: ${assumptions[0]!.source}.\n`);
    return EXIT.ok;
  },
};
