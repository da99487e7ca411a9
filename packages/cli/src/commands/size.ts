import { parseArgs } from 'node:util';
import { checkFarmRules, DEFAULT_LICENCE_PRICES, formatDecimal, guestOsAssumptions, MAX_GROWTH_RATE, MAX_RUNWAY_VMS, parseCatalog, parseCostInputs, parseLicencePrices, parseVms, RESOURCE_UNITS, sizeFarm, type HostOs, type LicensingEra, type Sizing, type SizingOption, type SizingOptions, type WhatIf } from '@hostplan/core';
import { loadPolicy, loadVms } from '@hostplan/bench';
import { reportInputFromSizing } from '@hostplan/report';
import type { Command } from '../command.js';
import { money } from '../money.js';
import { optionHosts, printFindings } from '../findings.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';
import { costIncludesLine } from '../summaries/costIncludes.js';
import { numberOption, readJsonFile } from '../options.js';
import { countingBar } from '../progress.js';

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

function describe(o: SizingOption): string {
  return o.models.map((m) => `${m.hosts} x ${m.model}`).join(' + ');
}

const SIZE_OPTIONS = {
  catalog: { type: 'string' }, vms: { type: 'string' }, failover: { type: 'string' }, costs: { type: 'string' }, policy: { type: 'string' },
  licensing: { type: 'string' }, prices: { type: 'string' }, 'host-os': { type: 'string' }, 'single-models': { type: 'boolean' }, weights: { type: 'string' }, add: { type: 'string' }, remove: { type: 'string' }, growth: { type: 'string' }, horizon: { type: 'string' },
  'max-scenarios': { type: 'string' }, seed: { type: 'string' }, json: { type: 'string' }, 'cluster-size': { type: 'string' },
} as const;

type SizeValues = ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: typeof SIZE_OPTIONS }>>['values'];

/** The numeric options, checked before any file is read. */
function sizeNumbers(values: SizeValues) {
  const n = {
    failover: numberOption(values.failover, 'failover', (x) => Number.isInteger(x) && x >= 0, 'a whole number of host failures >= 0'),
    growthRate: numberOption(values.growth, 'growth', (x) => x >= 0 && x <= MAX_GROWTH_RATE, `a monthly growth rate in [0, ${MAX_GROWTH_RATE}] (0.02 for 2 %)`),
    horizonMonths: numberOption(values.horizon, 'horizon', (x) => Number.isInteger(x) && x >= 1 && x <= 600, 'a whole number of months in [1, 600]'),
    maxScenarios: numberOption(values['max-scenarios'], 'max-scenarios', (x) => Number.isInteger(x) && x >= 1, 'a whole number >= 1'),
    seed: numberOption(values.seed, 'seed', (x) => Number.isInteger(x) && x >= 0, 'a whole number >= 0'),
    clusterSize: numberOption(values['cluster-size'], 'cluster-size', (x) => Number.isInteger(x) && x >= 2, 'a whole number of hosts >= 2'),
  };
  if (n.horizonMonths !== undefined && n.growthRate === undefined) throw new UsageError('--horizon needs --growth RATE');
  return n;
}

/** `--licensing`, `--host-os`: checked; the era and host OS, or undefined without --licensing. */
function licensingChoice(values: SizeValues): { era: LicensingEra; hostOs: HostOs | undefined } | undefined {
  if (values.licensing !== undefined && values.licensing !== '2008' && values.licensing !== '2016') throw new UsageError(`--licensing: expected 2008 or 2016, got ${JSON.stringify(values.licensing)}`);
  if ((values.prices || values['host-os']) && !values.licensing) throw new UsageError('--prices and --host-os need --licensing 2008|2016');
  const hostOs = values['host-os'] as HostOs | undefined;
  if (hostOs !== undefined && !['windows', 'hyper-v-server', 'cheapest'].includes(hostOs)) throw new UsageError(`--host-os: expected windows, hyper-v-server or cheapest, got ${JSON.stringify(hostOs)}`);
  return values.licensing ? { era: values.licensing as LicensingEra, hostOs } : undefined;
}

/** `--weights cpuGHz=1,memoryMB=3` as a map of resource weights. */
function weightsOption(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  return Object.fromEntries(text.split(',').map((pair) => {
    const m = /^\s*(\w+)\s*=\s*([\d.]+)\s*$/.exec(pair);
    if (!m) throw new UsageError(`--weights: expected resource=weight pairs like cpuGHz=1,memoryMB=3, got ${JSON.stringify(pair)}`);
    return [m[1]!, Number(m[2])];
  }));
}

/** The sizing's options from the command line and the files it names. */
async function sizingOptions(values: SizeValues, n: ReturnType<typeof sizeNumbers>, cwd: string): Promise<SizingOptions> {
  const choice = licensingChoice(values);
  const weights = weightsOption(values.weights);
  const licensing = choice && {
    era: choice.era,
    prices: values.prices ? parseLicencePrices(await readJsonFile(values.prices, cwd), choice.era, values.prices) : DEFAULT_LICENCE_PRICES[choice.era].prices,
    ...(choice.hostOs && { hostOs: choice.hostOs }),
  };
  const policy = values.policy ? await loadPolicy(values.policy, cwd) : undefined;
  const costs = values.costs ? parseCostInputs(await readJsonFile(values.costs, cwd), values.costs) : undefined;
  const add = values.add ? (values.add.endsWith('.json') ? parseVms(await readJsonFile(values.add, cwd), values.add) : await loadVms(values.add, cwd)) : undefined;
  const remove = values.remove?.split(',').map((x) => x.trim()).filter(Boolean);
  const whatIf: WhatIf | undefined = add || remove || n.growthRate !== undefined
    ? { ...(add && { add }), ...(remove && { remove }), ...(n.growthRate !== undefined && { growthRate: n.growthRate }), ...(n.horizonMonths !== undefined && { horizonMonths: n.horizonMonths }) }
    : undefined;
  return {
    ...(n.failover !== undefined && { failover: n.failover }), ...(policy && { policy }), ...(costs && { costs }), ...(licensing && { licensing }), ...(weights && { costShare: { weights } }), ...(values['single-models'] && { mixed: false }),
    ...(whatIf && { whatIf }), ...(n.maxScenarios !== undefined && { maxScenarios: n.maxScenarios }), ...(n.seed !== undefined && { seed: n.seed }),
  };
}

/** The table of options, cheapest first. */
function printOptionsTable(io: Io, sizing: Sizing, k: number): void {
  io.stdout.write(`Sizing ${sizing.vms} VMs with N+${k} failover per cluster (proven by re-placing every failure set, or by k empty hosts per cluster that each hold any host whole), cheapest first; money in USD\n\n`);
  io.stdout.write(table(['option', 'hosts', 'load + spare', 'clusters', 'binding', 'use', 'failover', 'cost/month', 'cost/VM'],
    sizing.options.map((o) => [
      describe(o), String(o.hosts), `${o.hostsForLoad} + ${o.hosts - o.hostsForLoad}${o.hosts > o.hostsForLoad ? ` ${o.spares}` : ''}`, String(o.clusters.length), o.binding ?? '-',
      o.binding ? pct(o.utilization[o.binding]) : '-', o.feasible ? 'holds' : o.unplaced.length === 0 && o.failover.verdict === 'not proven' ? 'not proven' : o.unplaced.length ? `${o.unplaced.length} VM${o.unplaced.length === 1 ? '' : 's'} cannot run` : 'fails',
      // an option that cannot run the inventory has no cost to compare
      o.feasible ? money(o.costPerMonth) : '-', o.feasible ? money(o.costPerVmMonth) : '-',
    ])));
}

/** The cheapest option: licences, costs per model, clusters and their spares, binding resource. */
function printBest(io: Io, best: SizingOption, feasible: boolean, k: number, clusters: string): void {
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
  io.stdout.write(`  clusters: ${best.clusters.map((c) => `${c.id} of ${c.hosts.length} hosts`).join(', ')} (${clusters}), ${k} spare${k === 1 ? '' : 's'} each\n`);
  // spares shared by a large cluster look cheap; smaller clusters each need their own
  const big = best.clusters.filter((c) => k > 0 && k / c.hosts.length < 0.05);
  if (big.length) io.stdout.write(`  warning: ${big.map((c) => c.id).join(', ')}: ${k} spare${k === 1 ? '' : 's'} for ${big[0]!.hosts.length} hosts (under 5 %); if you run smaller clusters, each needs its own spares\n`);
  if (best.binding) io.stdout.write(`  binding resource: ${best.binding} (${RESOURCE_UNITS[best.binding]}), ${pct(best.utilization[best.binding])} used over the farm\n`);
}

/** Each option's runway under --growth, and the options that cannot run every VM. */
function printRunwaysAndGaps(io: Io, sizing: Sizing): void {
  for (const o of sizing.options) {
    if (o.runway) io.stdout.write(`  ${describe(o)}: at ${o.runway.growthRate * 100} % a month ${o.runway.runsOutAtMonth === null ? `lasts the ${o.runway.horizonMonths} months` : `runs out in month ${o.runway.runsOutAtMonth} (${o.runway.vmsByMonth.at(-1)} VMs)`}; ${o.runway.hostsAtHorizon !== null ? `${o.runway.hostsAtHorizon} hosts needed at month ${o.runway.horizonMonths}` : o.runway.vmsAtHorizon > MAX_RUNWAY_VMS ? `hosts at the horizon not sized (${Number.isFinite(o.runway.vmsAtHorizon) ? formatDecimal(o.runway.vmsAtHorizon) : 'more than 2^1024'} VMs, over ${formatDecimal(MAX_RUNWAY_VMS)})` : 'hosts at the horizon not sized for a mix'}\n`);
  }
  for (const o of sizing.options.filter((x) => x.unplaced.length)) {
    const u = o.unplaced[0]!;
    io.stdout.write(`  ${o.name}: ${o.unplaced.length} VM(s) cannot run, e.g. ${u.vm}: ${u.reasons[0]?.message ?? 'no host'}\n`);
  }
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
  --cluster-size N      hosts per failover cluster you run (default: the catalog's clusterSize,
                        else the platform's node limit); k spares are held in each cluster
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
    const { values } = parseArgs({ args: [...args], strict: true, options: SIZE_OPTIONS });
    if (!values.catalog || !values.vms) throw new UsageError('size needs --catalog FILE and --vms FILE');
    const n = sizeNumbers(values);
    licensingChoice(values); // checked before any file is read
    weightsOption(values.weights);
    const parsed = parseCatalog(await readJsonFile(values.catalog, io.cwd), values.catalog);
    const catalog = n.clusterSize === undefined ? parsed : parsed.map((e) => ({ ...e, clusterSize: n.clusterSize }));
    const vms = await loadVms(values.vms, io.cwd);
    const options = await sizingOptions(values, n, io.cwd);
    const onProgress = countingBar(io, `sizing ${catalog.length} host models`);
    const sizing = sizeFarm(catalog, vms, { ...options, ...(onProgress && { onProgress }) });
    const feasible = sizing.options.some((o) => o.feasible);
    const k = n.failover ?? 1;
    // the seed's NIC roles and the platform's VMs per cluster, on the recommended option
    const findings = checkFarmRules(optionHosts(sizing.options[0]!, catalog), sizing.options[0]!.placements, { clustered: k > 0, ...(options.policy && { policy: options.policy }) });
    const guests = options.licensing ? guestOsAssumptions(vms) : { assumptions: [], warnings: [] };
    const code = feasible && !findings.some((f) => f.severity === 'error') ? EXIT.ok : EXIT.incomplete;
    if (values.json) {
      await writeJson(values.json, { ...reportInputFromSizing(sizing), ...sizing, findings }, io);
      if (values.json === '-') return code;
    }
    printOptionsTable(io, sizing, k);
    const clusters = n.clusterSize !== undefined ? `at most ${n.clusterSize} hosts each, --cluster-size` : catalog.some((e) => e.clusterSize !== undefined) ? "the catalog's clusterSize, or the platform's node limit" : "cut at the platform's node limit; --cluster-size N for the clusters you run";
    const best = sizing.options[0]!;
    printBest(io, best, feasible, k, clusters);
    printRunwaysAndGaps(io, sizing);
    for (const w of guests.warnings) io.stdout.write(`  warning: ${w}\n`);
    printFindings(io, findings);
    io.stdout.write(`\n${costIncludesLine(best.models[0]?.cost, { costsFile: Boolean(values.costs), licensing: Boolean(values.licensing) })}\n`);
    io.stdout.write(`${sizing.assumptions.filter((a) => a.isDefault).length} defaults used (see --json for every assumption).\n`);
    return code;
  },
};
