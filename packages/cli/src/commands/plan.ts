import { parseArgs } from 'node:util';
import { failoverReport, PLACEMENT_GOALS, placeVms, RESOURCE_UNITS, type PlacementGoal, type Vm } from '@hostplan/core';
import { coincidenceProfiles, loadHosts, loadPolicy, loadVms, measureDemand, type DemandResult } from '@hostplan/bench';
import { reportFailoverFrom, reportInputFromDemand, reportInputFromPlan, type ReportInput } from '@hostplan/report';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { perfFilesSource } from '../perfFiles.js';
import { countingBar, progressBar } from '../progress.js';
import { writeReportOutputs } from '../reportOutputs.js';
import { table } from '../table.js';
import { numberOption } from '../options.js';
import { threadsOption, withThreadsAssumption } from '../threads.js';

const pct = (used: number, cap: number) => (Number.isFinite(cap) && cap > 0 ? `${((100 * used) / cap).toFixed(0)}%` : '-');

/**
 * Parses `--goal`: undefined when absent, else consolidate or balance; anything else is a usage error.
 *
 * @example
 * goalOption('balance') // => 'balance'
 */
export function goalOption(value: string | undefined): PlacementGoal | undefined {
  if (value === undefined) return undefined;
  if (!(PLACEMENT_GOALS as readonly string[]).includes(value)) throw new UsageError(`--goal: expected ${PLACEMENT_GOALS.join(' or ')}, got ${JSON.stringify(value)}`);
  return value as PlacementGoal;
}

export const plan: Command = {
  name: 'plan',
  summary: 'place VMs onto hosts (consolidate or balance), with reasons for every VM left out',
  help: `Usage: hostplan plan --hosts FILE --vms FILE [--policy FILE] [--goal consolidate|balance]
                     [--perf FILE... [--percentile P] [--comfort F] [--coincident-peaks] [--threads N]] [--failover K]
                     [--html OUT] [--markdown OUT] [--csv DIR] [--title TEXT] [--json OUT|-]

Places every VM on a host: hard filters (capacity on every resource after reserves, platform
limits, running-VM limit, anti-affinity, affinity groups, unavailable hosts), then scorers
that fill hosts (consolidate, the default) or spread load (balance). Prints hosts used against
the lower bound, each host's use and binding resource, and for every VM left out the reason
on each host. With --perf, the VMs found in the perf counter logs are sized from their
measurements (percentile x comfort factor) instead of their inventory figures. With
--failover K, every set of K failed hosts per cluster is re-placed onto the survivors.
Exit code 1 when VMs are left out or failover is not met.

Options:
  --hosts FILE    hosts as JSON or CSV
  --vms FILE      VMs as JSON or CSV
  --policy FILE   policy JSON (reserves, ratios, overhead)
  --goal G        consolidate (fewest hosts) or balance (spread load); default consolidate
  --perf FILE...  perfmon PDH-CSV/TSV, sadf -d or CSV logs: size the VMs they cover from measurements
  --percentile P  percentile of the measurements to size on (default 95)
  --comfort F     comfort factor on the percentile (default 1.0; Azure Migrate uses 1.3)
  --coincident-peaks  a host's CPU, IOPS and network use is the percentile of its VMs' summed
                  measured series, not the sum of each VM's percentile: VMs whose peaks do
                  not coincide pack tighter (failover is still checked on summed percentiles)
  --threads N     worker threads for the statistics of the --perf logs (default: the machine's
                  cores, os.availableParallelism(); 1: everything on one thread)
  --failover K    host failures per cluster to survive, checked by re-placement
  --html OUT      write the HTML report (plan, failover, measurements, assumptions) to OUT
  --markdown OUT  write a Markdown summary to OUT
  --csv DIR       write DIR/placements.csv
  --title TEXT    report title (default "Capacity plan")
  --json OUT|-    the plan as JSON: placements, unplaced (with reasons), hosts, summary, assumptions
                  (and failover, with --failover)

Examples:
  hostplan plan --hosts data/hosts.json --vms data/vms.json
  hostplan plan --hosts data/hosts.json --vms data/vms.csv --goal balance --json plan.json
  hostplan plan --hosts data/hosts.json --vms data/vms.json --perf data/perf/hv01.csv data/perf/hv02.csv \\
    --failover 1 --html out/report.html`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], strict: true, allowPositionals: true, options: {
      hosts: { type: 'string' }, vms: { type: 'string' }, policy: { type: 'string' }, goal: { type: 'string' }, json: { type: 'string' },
      perf: { type: 'string', multiple: true }, percentile: { type: 'string' }, comfort: { type: 'string' }, failover: { type: 'string' },
      html: { type: 'string' }, markdown: { type: 'string' }, csv: { type: 'string' }, title: { type: 'string' },
      'coincident-peaks': { type: 'boolean' }, threads: { type: 'string' },
    } });
    if (!values.hosts || !values.vms) throw new UsageError('plan needs --hosts FILE and --vms FILE');
    // --perf FILE... : files after --perf that no option claims are more perf logs
    if (positionals.length && !values.perf) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; perf logs go after --perf`);
    const perfFiles = [...(values.perf ?? []), ...positionals];
    const goal = goalOption(values.goal);
    const k = numberOption(values.failover, 'failover', (n) => Number.isInteger(n) && n >= 0, 'a whole number of host failures >= 0');
    const percentile = numberOption(values.percentile, 'percentile', (x) => x > 0 && x <= 100, 'a percentile in (0, 100]');
    const comfortFactor = numberOption(values.comfort, 'comfort', (x) => x > 0, 'a factor > 0');
    if (!perfFiles.length && (percentile !== undefined || comfortFactor !== undefined)) throw new UsageError('--percentile and --comfort need --perf FILE...');
    if (!perfFiles.length && values['coincident-peaks']) throw new UsageError('--coincident-peaks needs --perf FILE...');
    if (!perfFiles.length && values.threads !== undefined) throw new UsageError('--threads needs --perf FILE...');
    const threads = threadsOption(values.threads);
    const hosts = await loadHosts(values.hosts, io.cwd);
    const inventory = await loadVms(values.vms, io.cwd);
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};

    // VMs covered by the perf logs are sized from their measurements; the rest keep their inventory figures.
    let demand: DemandResult | undefined;
    let vms: Vm[] = inventory;
    const notInInventory: string[] = [];
    if (perfFiles.length) {
      const onProgress = progressBar(io);
      const files = perfFilesSource(perfFiles, { ...(onProgress && { onProgress }) }, io);
      const result = await measureDemand(files.source, { hosts, inventory, ...(percentile !== undefined && { percentile }), ...(comfortFactor !== undefined && { comfortFactor }), stats: { threads: threads.threads } });
      demand = { ...result, assumptions: withThreadsAssumption(result.assumptions, threads) };
      const measured = new Map(demand.vms.flatMap((m) => (m.vm ? [[m.vm.id, m.vm] as const] : [])));
      vms = inventory.map((v) => measured.get(v.id) ?? v);
      const ids = new Set(inventory.map((v) => v.id));
      notInInventory.push(...demand.vms.filter((m) => !ids.has(m.vm?.id ?? m.id)).map((m) => m.id));
    }
    const co = demand && values['coincident-peaks'] ? coincidenceProfiles(demand, { ...(percentile !== undefined && { percentile }) }) : undefined;
    const placing = countingBar(io, `placing ${vms.length} VMs`);
    const result = placeVms(hosts, vms, { policy, ...(goal && { goal }), ...(co && { coincidence: co.coincidence }), ...(placing && { onProgress: placing }) });
    const sets = countingBar(io, 'failover sets');
    const failover = k === undefined ? undefined : failoverReport(hosts, result, { vms, k, policy, ...(sets && { onProgress: sets }) });
    const incomplete = result.unplaced.length > 0 || failover?.summary.met === false;
    const code = incomplete ? EXIT.incomplete : EXIT.ok;

    const wantsReport = values.html || values.markdown || values.csv;
    const written: string[] = [];
    if (wantsReport) {
      const input: ReportInput = {
        title: values.title ?? 'Capacity plan',
        ...reportInputFromPlan({ plan: result, hosts, vms, policy }),
        ...(failover && { failover: reportFailoverFrom({ summary: failover.summary, result: failover.result, plan: result, hosts, vms, policy }) }),
        ...(demand && reportInputFromDemand(demand)),
        assumptions: [...result.assumptions, ...(co?.assumptions ?? []), ...(failover?.result.assumptions ?? []), ...(demand?.assumptions ?? [])],
      };
      written.push(...await writeReportOutputs(input, { html: values.html, markdown: values.markdown, csv: values.csv }, io));
    }
    if (values.json) {
      await writeJson(values.json, { ...result, ...(failover && { failover: failover.summary }), ...(demand && { measured: demand.vms.map((m) => ({ id: m.id, host: m.host, demand: m.demand, confidence: m.confidence })) }) }, io);
      if (values.json === '-') return code;
    }
    const s = result.summary;
    io.stdout.write(`Placed ${s.vmsPlaced} of ${vms.length} VMs on ${s.hostsUsed} of ${hosts.length} hosts (lower bound ${s.lowerBound}; binding resource ${s.binding ?? '-'}).\n\n`);
    io.stdout.write(table(['host', 'VMs', 'binding', 'CPU', 'memory', 'IOPS', 'storage', 'network'], result.hosts.map((h) => [
      h.id, String(h.vms.length), h.binding ?? '-', pct(h.used.cpuGHz, h.capacity.cpuGHz), pct(h.used.memoryMB, h.capacity.memoryMB),
      pct(h.used.iops, h.capacity.iops), pct(h.used.storageGB, h.capacity.storageGB), pct(h.used.networkMbps, h.capacity.networkMbps),
    ])));
    if (result.unplaced.length) {
      io.stdout.write(`\n${result.unplaced.length} VM${result.unplaced.length === 1 ? '' : 's'} left out:\n`);
      for (const u of result.unplaced) {
        io.stdout.write(`  ${u.vm}:\n`);
        for (const r of u.reasons) io.stdout.write(`    ${r.message}\n`);
      }
    }
    io.stdout.write(`\nShares of each host's limit after reserves (${Object.entries(RESOURCE_UNITS).map(([r, u]) => `${r} in ${u}`).join(', ')}); --json lists the assumptions.\n`);
    if (demand) {
      const sized = demand.vms.filter((m) => m.vm && inventory.some((v) => v.id === m.vm!.id)).length;
      io.stdout.write(`Measurements: ${sized} VM${sized === 1 ? '' : 's'} sized from ${perfFiles.length} perf log${perfFiles.length === 1 ? '' : 's'} (p${demand.assumptions.find((a) => a.name === 'demand.percentile')?.value ?? 95} x comfort ${demand.assumptions.find((a) => a.name === 'demand.comfortFactor')?.value ?? 1}); the other ${vms.length - sized} from the inventory.\n`);
      if (co) {
        const filled = Object.values(co.filled);
        const buckets = filled.reduce((n, f) => n + Math.max(0, ...Object.values(f).map((x) => x ?? 0)), 0);
        io.stdout.write(`Peak coincidence: hosts carry the p${percentile ?? 95} of their VMs' summed series (${co.points} points of ${co.bucketMs / 60_000} min)${filled.length ? `; ${buckets} missing point${buckets === 1 ? '' : 's'} in ${filled.length} VM${filled.length === 1 ? '' : 's'} count as the VM's peak` : ''}.\n`);
      }
      if (notInInventory.length) io.stdout.write(`  measured but not in the inventory, so not planned: ${notInInventory.join(', ')}\n`);
    }
    if (failover) {
      const f = failover.summary;
      io.stdout.write(`Failover N+${k}: ${f.met ? 'met' : 'NOT met'}; tolerates ${f.toleratedFailures} host failure${f.toleratedFailures === 1 ? '' : 's'} per cluster (${f.exhaustive ? 'every failure set checked' : 'sampled failure sets'})${f.worstScenario ? `; worst: ${f.worstScenario.description}` : ''}.\n`);
      for (const u of f.notRestarted.slice(0, 10)) io.stdout.write(`  would not restart: ${u.vm}: ${u.reasons[0]?.message ?? ''}\n`);
    }
    for (const w of written) io.stdout.write(`wrote ${w}\n`);
    return code;
  },
};
