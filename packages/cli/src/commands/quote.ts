import { parseArgs } from 'node:util';
import {
  DEFAULT_LICENCE_PRICES, formatDecimal, guestOsAssumptions, parseCatalog, parseCostInputs, parseLicencePrices, parsePlans, quote, suggestPlanTiers,
  type Assumption, type LicensingEra, type PriceSheet, type QuoteLicensing, type VmPlan,
} from '@hostplan/core';
import { loadPolicy, loadVms } from '@hostplan/bench';
import type { Command } from '../command.js';
import { money } from '../money.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';
import { costIncludesLine } from '../summaries/costIncludes.js';
import { numberOption, readJsonFile } from '../options.js';


export const quoteCommand: Command = {
  name: 'quote',
  summary: 'a price sheet for VM plans: cost and price per month at a margin, per host model',
  help: `Usage: hostplan quote --plans FILE --catalog FILE [--margin 0.35] [--costs FILE] [--policy FILE]
                      [--fill F] [--spare-hosts K] [--cluster-size N]
                      [--licensing 2008|2016] [--prices FILE] [--tiers-from VMS [--tiers N]]
                      [--json OUT|-]

For each VM plan (e.g. S, M, L by vCPUs, RAM and disk) and each host model of the catalog:
how many fit on a host, the monthly cost per VM (the host's monthly cost, spare hosts
included, divided by the VMs it carries), and the price at the margin: price = cost / (1 -
margin). Each model's cluster size and the share the spares add are stated. Money is in USD.
The JSON also shows how cost and price move with density. Every default (term,
PUE, price per kWh, rack unit, admin, spares, fill) is listed under assumptions.

Options:
  --plans FILE            plans JSON (array or { "plans": [...] }): name, vcpus, memoryGB, diskGB...
  --catalog FILE          host models JSON: a host plus purchasePrice, powerWatts, rackUnits
  --margin M              gross margin in [0, 1) (default 0.35)
  --costs FILE            cost rates JSON (termMonths, interestRate, pue, pricePerKWh, ...)
  --policy FILE           policy JSON (reserves, ratios)
  --fill F                share of the VMs-per-host bound assumed sold, (0, 1] (default 1)
  --spare-hosts K         spare hosts per cluster carried by the price (default 1)
  --cluster-size N        hosts per failover cluster sharing the spares (default: the catalog
                          entry's clusterSize, else the platform's node limit, with a warning:
                          16 or 64 hosts make an N+1 spare look cheap); --hosts-per-cluster too
  --licensing 2008|2016   price Windows licences per host at the density assumed
  --prices FILE           licence prices (default: the built-in list prices)
  --tiers-from VMS        suggest the plans from an inventory (ckmeans on VM sizes)
  --tiers N               number of tiers to suggest (default 3)
  --json OUT|-            write the result as JSON to OUT, or to standard output with -

Examples:
  hostplan quote --plans data/plans.json --catalog data/catalog.json --margin 0.35
  hostplan quote --tiers-from data/vms.csv --catalog data/catalog.json --costs data/costs.json --json -`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args], strict: true,
      options: {
        plans: { type: 'string' }, catalog: { type: 'string' }, margin: { type: 'string' }, costs: { type: 'string' }, policy: { type: 'string' },
        fill: { type: 'string' }, 'spare-hosts': { type: 'string' }, 'hosts-per-cluster': { type: 'string' }, 'cluster-size': { type: 'string' }, licensing: { type: 'string' }, prices: { type: 'string' },
        'tiers-from': { type: 'string' }, tiers: { type: 'string' }, json: { type: 'string' },
      },
    });
    if (!values.catalog || (!values.plans && !values['tiers-from'])) throw new UsageError('quote needs --catalog FILE and --plans FILE (or --tiers-from VMS)');
    const margin = numberOption(values.margin, 'margin', (n) => n >= 0 && n < 1, 'a margin in [0, 1)');
    const fill = numberOption(values.fill, 'fill', (n) => n > 0 && n <= 1, 'a share in (0, 1]');
    const spareHosts = numberOption(values['spare-hosts'], 'spare-hosts', (n) => Number.isInteger(n) && n >= 0, 'a whole number >= 0');
    if (values['cluster-size'] !== undefined && values['hosts-per-cluster'] !== undefined) throw new UsageError('give --cluster-size or --hosts-per-cluster, not both');
    const hostsPerCluster = values['cluster-size'] !== undefined
      ? numberOption(values['cluster-size'], 'cluster-size', (n) => Number.isInteger(n) && n >= 1, 'a whole number >= 1')
      : numberOption(values['hosts-per-cluster'], 'hosts-per-cluster', (n) => Number.isInteger(n) && n >= 1, 'a whole number >= 1');
    const tiersN = numberOption(values.tiers, 'tiers', (n) => Number.isInteger(n) && n >= 1, 'a whole number >= 1');
    if (values.licensing !== undefined && values.licensing !== '2008' && values.licensing !== '2016') throw new UsageError(`--licensing: expected 2008 or 2016, got ${JSON.stringify(values.licensing)}`);

    const catalog = parseCatalog(await readJsonFile(values.catalog, io.cwd), values.catalog);
    const costs = values.costs ? parseCostInputs(await readJsonFile(values.costs, io.cwd), values.costs) : undefined;
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : undefined;
    const tiers = values['tiers-from'] ? suggestPlanTiers(await loadVms(values['tiers-from'], io.cwd), tiersN === undefined ? {} : { tiers: tiersN }) : undefined;
    const plans: VmPlan[] = values.plans ? parsePlans(await readJsonFile(values.plans, io.cwd), values.plans) : tiers!.map((t) => t.plan);
    let licensing: QuoteLicensing | undefined;
    const extra: Assumption[] = [];
    if (values.licensing) {
      const era = values.licensing as LicensingEra;
      const prices = values.prices ? parseLicencePrices(await readJsonFile(values.prices, io.cwd), era, values.prices) : DEFAULT_LICENCE_PRICES[era].prices;
      licensing = { era, prices };
      if (!values.prices) extra.push({ name: 'licensing.prices', value: prices, unit: 'USD', source: DEFAULT_LICENCE_PRICES[era].source, isDefault: true });
    }
    // plans whose guest OS the table does not know are priced with a Windows licence, and said so
    const guests = licensing ? guestOsAssumptions(plans) : { assumptions: [], warnings: [] };
    const sheets: PriceSheet[] = catalog.map((entry) => quote(plans, {
      entry, ...(costs && { costs }), ...(policy && { policy }), ...(spareHosts !== undefined && { spareHosts }), ...(hostsPerCluster !== undefined && { hostsPerCluster }), ...(licensing && { licensing }),
    }, { ...(margin !== undefined && { margin }), ...(fill !== undefined && { fill }) }));
    const best = plans.map((p, i) => {
      const offers = sheets.map((s) => ({ model: s.model, line: s.lines[i]! })).filter((o) => o.line.pricePerMonth !== null).sort((a, b) => a.line.pricePerMonth! - b.line.pricePerMonth!);
      const o = offers[0];
      return { plan: p.name, model: o?.model ?? null, vmsPerHost: o?.line.vmsPerHost ?? 0, costPerMonth: o?.line.costPerMonth ?? null, pricePerMonth: o?.line.pricePerMonth ?? null };
    });
    const assumptions = [...extra, ...(sheets[0]?.assumptions ?? [])];
    const unpriced = best.filter((b) => b.pricePerMonth === null);
    if (values.json) {
      await writeJson(values.json, { margin: sheets[0]!.margin, plans, ...(tiers && { tiers }), best, sheets: sheets.map(({ assumptions: _a, ...s }) => s), assumptions }, io);
      if (values.json === '-') return unpriced.length ? EXIT.incomplete : EXIT.ok;
    }
    io.stdout.write(`Price sheet at a ${Math.round(sheets[0]!.margin * 1000) / 10} % margin (price = cost / (1 - margin)), per VM and month, in USD\n`);
    for (const s of sheets) io.stdout.write(`  ${s.model}: clusters of ${s.cluster.hostsPerCluster} hosts (${s.cluster.source}) with ${s.cluster.spareHosts} spare${s.cluster.spareHosts === 1 ? '' : 's'}: spares add ${(100 * s.spareShare).toFixed(1)} % to the cost\n`);
    for (const w of [...sheets.flatMap((s) => s.warnings), ...guests.warnings]) io.stdout.write(`  warning: ${w}\n`);
    io.stdout.write('\n');
    io.stdout.write(table(['plan', 'vCPUs', 'memory GB', 'disk GB', 'best model', 'VMs/host', 'cost', 'price'],
      best.map((b, i) => [b.plan, String(plans[i]!.vcpus), String(plans[i]!.memoryGB), String(plans[i]!.diskGB ?? '-'), b.model ?? 'none fits', String(b.vmsPerHost), money(b.costPerMonth), money(b.pricePerMonth)])));
    io.stdout.write(`\nBy host model (price per VM and month):\n\n`);
    io.stdout.write(table(['model', ...plans.map((p) => p.name)], sheets.map((s) => [s.model, ...s.lines.map((l) => money(l.pricePerMonth))])));
    io.stdout.write(`\nHow the price moves with density (best model; VMs per host: price):\n`);
    for (const b of best) {
      const line = sheets.find((s) => s.model === b.model)?.lines.find((l) => l.plan === b.plan);
      if (line) io.stdout.write(`  ${b.plan} on ${b.model}: ${line.byDensity.map((d) => `${d.vmsPerHost}: ${money(d.pricePerMonth)}`).join(', ')}\n`);
    }
    const licensed = best.flatMap((b) => {
      const l = sheets.find((s) => s.model === b.model)?.lines.find((x) => x.plan === b.plan)?.licensing;
      return l ? [`  ${b.plan} on ${b.model}: per host ${l.failover.windowsGuests} Windows guests, ${money(l.failover.total)} after a failure; normal layout ${money(l.normal.activeHost.total)} per active host, ${money(l.normal.spareHost.total)} per spare (${l.normal.spareHost.windowsGuests} guests)\n`] : [];
    });
    if (licensed.length) io.stdout.write(`\nLicences per host (a spare is licensed for the guests it takes over after a failure):\n${licensed.join('')}`);
    for (const u of unpriced) io.stdout.write(`\n${u.plan}: fits no host model: ${sheets.map((s) => `${s.model}: ${s.lines.find((l) => l.plan === u.plan)!.rule}`).join('; ')}`);
    const shown = sheets.find((s) => s.model === best[0]?.model)?.lines.find((l) => l.plan === best[0]?.plan)?.hostCost;
    io.stdout.write(`\n${costIncludesLine(shown, { costsFile: Boolean(values.costs), licensing: Boolean(values.licensing) })}\n`);
    io.stdout.write(`${assumptions.filter((a) => a.isDefault && /^(quote|farm|costs)\./.test(a.name)).length} defaults used (see --json for every assumption).\n`);
    return unpriced.length ? EXIT.incomplete : EXIT.ok;
  },
};
