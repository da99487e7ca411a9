import { parseArgs } from 'node:util';
import { checkFarmRules, DEFAULT_LICENCE_PRICES, formatDecimal, guestOsAssumptions, MAX_GROWTH_RATE, MAX_RUNWAY_VMS, parseCatalog, parseCostInputs, parseLicencePrices, parseVms, RESOURCE_UNITS, sizeFarm, type HostOs, type LicensingEra, type SizingOption, type SizingOptions, type WhatIf } from '@hostplan/core';
import { loadPolicy, loadVms } from '@hostplan/bench';
import { reportInputFromSizing } from '@hostplan/report';
import type { Command } from '../command.js';
import { money } from '../money.js';
import { optionHosts, printFindings } from '../findings.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';
import { costIncludesLine } from '../summaries/costIncludes.js';
import { numberOption, readJsonFile } from '../options.js';
import { countingBar } from '../progress.js';

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

function describe(o: SizingOption): string {
  return o.models.map((m) => `${m.hosts} x ${m.model}`).join(' + ');
}

export const size: Command = {
  name: 'size',
  summary: 'how many hosts of which model an inventory needs, with N+k failover and cost per VM',
  help: `Usage: hostplan size --catalog FILE --vms FILE [--failover K] [--costs FILE] [--policy FILE]
                     [--licensing 2008|2016 [--prices FILE] [--host-os OS]]
                     [--weights R=W,...] [--single-models] [--add FILE] [--remove ID,ID...] [--growth RATE]
                     [--horizon MONTHS] [--max-scenarios N] [--seed N] [--json OUT|-]

For each host model of the catalog: the fewest hosts that hold every VM (over CPU, vCPUs,
memory with overhead, IOPS, storage, network and the platform's limits), plus k spare hosts
per cluster, verified by re-placing the VMs of every set of k failed hosts; the spares kept
empty ("passive") or the load spread over every host, whichever holds with fewer hosts; an
option whose failover is not proven (sets left unchecked) is not feasible; clusters split
at the platform's node limit; binding resource, utilisation, and the monthly cost of the
farm and per VM. Cheapest first; a mix of two models is shown when it is cheaper still.

Options:
  --catalog FILE        host models JSON: a host plus purchasePrice, powerWatts, rackUnits
  --vms FILE            VMs as JSON or CSV
  --failover K          host failures per cluster to survive (default 1)
  --costs FILE          cost rates JSON (termMonths, interestRate, pue, pricePerKWh, ...)
  --policy FILE         policy JSON (reserves, ratios, overhead formula)
  --licensing 2008|2016 price Windows Server licences per host (each model licensed for the
                        most Windows guests a host runs, before or after a failure)
  --prices FILE         licence prices (default: the built-in list prices)
  --host-os OS          windows (default), hyper-v-server or cheapest
  --weights R=W,...     share the farm's cost among VMs by a weighted mix of their resource
                        shares (e.g. cpuGHz=1,memoryMB=3) instead of each VM's dominant share
  --single-models       do not try mixes of two models
  --add FILE            what-if: VMs to add (JSON or CSV)
  --remove IDS          what-if: comma-separated ids of VMs to leave out
  --growth RATE         what-if: monthly growth of the VM count (0.02 = 2 %, at most 10): when do we run out?
  --horizon MONTHS      months to look ahead with --growth (default 36)
  --max-scenarios N     failure sets per cluster before sampling (default 100,000; a sampled
                        cluster is not proven unless k empty hosts each hold any host whole)
  --seed N              seed of the failure-set sample (default 1)
  --json OUT|-          write the result as JSON to OUT, or to standard output with -

The recommended option is checked against the seed's NIC roles (each catalog model's nics)
and the platform's VMs per cluster. Money is in USD; an option that cannot run every VM
shows no cost.

Exit codes: 0 a feasible sizing; 1 no model can run every VM with failover, or the
recommended option breaks a seed rule (an error); 2 bad input.

Examples:
  hostplan size --catalog data/catalog.json --vms data/vms.csv --failover 1
  hostplan size --catalog data/catalog.json --vms data/vms.csv --costs data/costs.json --growth 0.03 --json -`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args], strict: true,
      options: {
        catalog: { type: 'string' }, vms: { type: 'string' }, failover: { type: 'string' }, costs: { type: 'string' }, policy: { type: 'string' },
        licensing: { type: 'string' }, prices: { type: 'string' }, 'host-os': { type: 'string' }, 'single-models': { type: 'boolean' }, weights: { type: 'string' }, add: { type: 'string' }, remove: { type: 'string' }, growth: { type: 'string' }, horizon: { type: 'string' },
        'max-scenarios': { type: 'string' }, seed: { type: 'string' }, json: { type: 'string' },
      },
    });
    if (!values.catalog || !values.vms) throw new UsageError('size needs --catalog FILE and --vms FILE');
    const failover = numberOption(values.failover, 'failover', (n) => Number.isInteger(n) && n >= 0, 'a whole number of host failures >= 0');
    const growthRate = numberOption(values.growth, 'growth', (n) => n >= 0 && n <= MAX_GROWTH_RATE, `a monthly growth rate in [0, ${MAX_GROWTH_RATE}] (0.02 for 2 %)`);
    const horizonMonths = numberOption(values.horizon, 'horizon', (n) => Number.isInteger(n) && n >= 1 && n <= 600, 'a whole number of months in [1, 600]');
    const maxScenarios = numberOption(values['max-scenarios'], 'max-scenarios', (n) => Number.isInteger(n) && n >= 1, 'a whole number >= 1');
    const seed = numberOption(values.seed, 'seed', (n) => Number.isInteger(n) && n >= 0, 'a whole number >= 0');
    if (horizonMonths !== undefined && growthRate === undefined) throw new UsageError('--horizon needs --growth RATE');

    if (values.licensing !== undefined && values.licensing !== '2008' && values.licensing !== '2016') throw new UsageError(`--licensing: expected 2008 or 2016, got ${JSON.stringify(values.licensing)}`);
    if ((values.prices || values['host-os']) && !values.licensing) throw new UsageError('--prices and --host-os need --licensing 2008|2016');
    const hostOs = values['host-os'] as HostOs | undefined;
    if (hostOs !== undefined && !['windows', 'hyper-v-server', 'cheapest'].includes(hostOs)) throw new UsageError(`--host-os: expected windows, hyper-v-server or cheapest, got ${JSON.stringify(hostOs)}`);
    const era = values.licensing as LicensingEra | undefined;
    const licensing = era && {
      era,
      prices: values.prices ? parseLicencePrices(await readJsonFile(values.prices, io.cwd), era, values.prices) : DEFAULT_LICENCE_PRICES[era].prices,
      ...(hostOs && { hostOs }),
    };
    const weights = values.weights === undefined ? undefined : Object.fromEntries(values.weights.split(',').map((pair) => {
      const m = /^\s*(\w+)\s*=\s*([\d.]+)\s*$/.exec(pair);
      if (!m) throw new UsageError(`--weights: expected resource=weight pairs like cpuGHz=1,memoryMB=3, got ${JSON.stringify(pair)}`);
      return [m[1]!, Number(m[2])];
    }));
    const catalog = parseCatalog(await readJsonFile(values.catalog, io.cwd), values.catalog);
    const vms = await loadVms(values.vms, io.cwd);
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : undefined;
    const costs = values.costs ? parseCostInputs(await readJsonFile(values.costs, io.cwd), values.costs) : undefined;
    const add = values.add ? (values.add.endsWith('.json') ? parseVms(await readJsonFile(values.add, io.cwd), values.add) : await loadVms(values.add, io.cwd)) : undefined;
    const remove = values.remove?.split(',').map((s) => s.trim()).filter(Boolean);
    const whatIf: WhatIf | undefined = add || remove || growthRate !== undefined
      ? { ...(add && { add }), ...(remove && { remove }), ...(growthRate !== undefined && { growthRate }), ...(horizonMonths !== undefined && { horizonMonths }) }
      : undefined;
    const options: SizingOptions = {
      ...(failover !== undefined && { failover }), ...(policy && { policy }), ...(costs && { costs }), ...(licensing && { licensing }), ...(weights && { costShare: { weights } }), ...(values['single-models'] && { mixed: false }),
      ...(whatIf && { whatIf }), ...(maxScenarios !== undefined && { maxScenarios }), ...(seed !== undefined && { seed }),
    };
    const onProgress = countingBar(io, `sizing ${catalog.length} host models`);
    const sizing = sizeFarm(catalog, vms, { ...options, ...(onProgress && { onProgress }) });
    const feasible = sizing.options.some((o) => o.feasible);
    const k = failover ?? 1;
    // the seed's NIC roles and the platform's VMs per cluster, on the recommended option
    const findings = checkFarmRules(optionHosts(sizing.options[0]!, catalog), sizing.options[0]!.placements, { clustered: k > 0, ...(policy && { policy }) });
    const guests = licensing ? guestOsAssumptions(vms) : { assumptions: [], warnings: [] };
    const code = feasible && !findings.some((f) => f.severity === 'error') ? EXIT.ok : EXIT.incomplete;
    if (values.json) {
      await writeJson(values.json, { ...reportInputFromSizing(sizing), ...sizing, findings }, io);
      if (values.json === '-') return code;
    }
    io.stdout.write(`Sizing ${sizing.vms} VMs with N+${k} failover per cluster (proven by re-placing every failure set, or by k empty hosts per cluster that each hold any host whole), cheapest first; money in USD\n\n`);
    io.stdout.write(table(['option', 'hosts', 'load + spare', 'clusters', 'binding', 'use', 'failover', 'cost/month', 'cost/VM'],
      sizing.options.map((o) => [
        describe(o), String(o.hosts), `${o.hostsForLoad} + ${o.hosts - o.hostsForLoad}${o.hosts > o.hostsForLoad ? ` ${o.spares}` : ''}`, String(o.clusters.length), o.binding ?? '-',
        o.binding ? pct(o.utilization[o.binding]) : '-', o.feasible ? 'holds' : o.unplaced.length === 0 && o.failover.verdict === 'not proven' ? 'not proven' : o.unplaced.length ? `${o.unplaced.length} VM${o.unplaced.length === 1 ? '' : 's'} cannot run` : 'fails',
        // an option that cannot run the inventory has no cost to compare
        o.feasible ? money(o.costPerMonth) : '-', o.feasible ? money(o.costPerVmMonth) : '-',
      ])));
    const best = sizing.options[0]!;
    io.stdout.write(`\n${feasible ? 'Cheapest' : 'No option runs every VM with its failover; the closest'}: ${describe(best)}. Per host and month:\n`);
    for (const m of best.feasible ? best.models : []) {
      if (!m.licensing) continue;
      const n = m.licensing.normal;
      io.stdout.write(`  ${m.model} licences: ${m.licensing.items.map((i) => `${i.edition} x ${i.count}`).join(' + ')} = ${money(m.licensing.total)} per host for up to ${m.licensing.windowsGuests} Windows guests before or after a failure (normal layout alone: ${n.windowsGuests} guests, ${money(n.total)})\n`);
    }
    const licensed = best.licencesByHost?.filter((h) => h.failover.windowsGuests > h.normal.windowsGuests) ?? [];
    if (licensed.length) io.stdout.write(`  hosts taking more Windows guests after a failure than normally: ${licensed.map((h) => `${h.host} ${h.normal.windowsGuests} -> ${h.failover.windowsGuests}`).join(', ')} (per host in --json: licencesByHost)\n`);
    for (const w of best.failover.warnings) io.stdout.write(`  warning: ${w}\n`);
    if (best.feasible) for (const m of best.models) io.stdout.write(`  ${m.model}${m.description ? ` (${m.description})` : ''}: ${money(m.cost.total)} = hardware ${money(m.cost.hardware)} + power ${money(m.cost.power)} + rack ${money(m.cost.rackSpace)} + admin ${money(m.cost.admin)}${m.cost.licences ? ` + licences ${money(m.cost.licences)}` : ''}${m.cost.storage + m.cost.network ? ` + storage/network ${money(m.cost.storage + m.cost.network)}` : ''}\n`);
    io.stdout.write(`  clusters: ${best.clusters.map((c) => `${c.id} of ${c.hosts.length} hosts`).join(', ')} (cut at the platform's node limit), ${k} spare${k === 1 ? '' : 's'} each\n`);
    // spares shared by a large cluster look cheap; smaller clusters each need their own
    const big = best.clusters.filter((c) => k > 0 && k / c.hosts.length < 0.05);
    if (big.length) io.stdout.write(`  warning: ${big.map((c) => c.id).join(', ')}: ${k} spare${k === 1 ? '' : 's'} for ${big[0]!.hosts.length} hosts (under 5 %); if you run smaller clusters, each needs its own spares\n`);
    if (best.binding) io.stdout.write(`  binding resource: ${best.binding} (${RESOURCE_UNITS[best.binding]}), ${pct(best.utilization[best.binding])} used over the farm\n`);
    for (const o of sizing.options) {
      if (o.runway) io.stdout.write(`  ${describe(o)}: at ${o.runway.growthRate * 100} % a month ${o.runway.runsOutAtMonth === null ? `lasts the ${o.runway.horizonMonths} months` : `runs out in month ${o.runway.runsOutAtMonth} (${o.runway.vmsByMonth.at(-1)} VMs)`}; ${o.runway.hostsAtHorizon !== null ? `${o.runway.hostsAtHorizon} hosts needed at month ${o.runway.horizonMonths}` : o.runway.vmsAtHorizon > MAX_RUNWAY_VMS ? `hosts at the horizon not sized (${Number.isFinite(o.runway.vmsAtHorizon) ? o.runway.vmsAtHorizon.toLocaleString('en-US') : 'more than 2^1024'} VMs, over ${MAX_RUNWAY_VMS.toLocaleString('en-US')})` : 'hosts at the horizon not sized for a mix'}\n`);
    }
    for (const o of sizing.options.filter((x) => x.unplaced.length)) {
      const u = o.unplaced[0]!;
      io.stdout.write(`  ${o.name}: ${o.unplaced.length} VM(s) cannot run, e.g. ${u.vm}: ${u.reasons[0]?.message ?? 'no host'}\n`);
    }
    for (const w of guests.warnings) io.stdout.write(`  warning: ${w}\n`);
    printFindings(io, findings);
    io.stdout.write(`\n${costIncludesLine(best.models[0]?.cost, { costsFile: Boolean(values.costs), licensing: Boolean(values.licensing) })}\n`);
    io.stdout.write(`${sizing.assumptions.filter((a) => a.isDefault).length} defaults used (see --json for every assumption).\n`);
    return code;
  },
};
