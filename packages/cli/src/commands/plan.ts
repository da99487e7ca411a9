import { parseArgs } from 'node:util';
import { checkFarmRules, failoverReport, failoverRunbook, PLACEMENT_GOALS, placeVms, RESOURCE_UNITS, type PlacementGoal, type Vm } from '@hostplan/core';
import { coincidenceProfiles, loadHosts, loadPolicy, loadVms, measureDemand, type DemandResult } from '@hostplan/bench';
import { reportFailoverFrom, reportInputFromPlan, type ReportInput } from '@hostplan/report';
import { reportInputFromDemand } from '../reportFromDemand.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { perfFilesSource } from '../perfFiles.js';
import { countingBar, progressBar } from '../progress.js';
import { writeReportOutputs } from '../reportOutputs.js';
import { table } from '../table.js';
import { numberOption } from '../options.js';
import { reportTimelinesFrom } from '../timelines.js';
import { whatIfData } from '../whatIfData.js';
import { groupUnplaced, unplacedSummaryLines } from '../summaries/unplaced.js';
import { bindingHeadline, defaultsLine, edgeWarnings } from '../summaries/planEdges.js';
import { planCurrent } from './planCurrent.js';
import { printFindings } from '../findings.js';
import { checkCoincidence } from '../coincidenceCheck.js';
import { exposureRows, planExposure, printExposure } from '../exposure.js';
import { compactUnplaced } from '../unplacedOutput.js';
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

/** The demand's report input with the plan's exposure added to its measurements. */
function withExposure(input: Partial<ReportInput>, exposure: Parameters<typeof exposureRows>[0] | undefined): Partial<ReportInput> {
  return exposure?.length ? { ...input, measurements: { ...input.measurements, exposure: exposureRows(exposure) } } : input;
}

export const plan: Command = {
  name: 'plan',
  summary: 'place VMs onto hosts (consolidate or balance), with reasons for every VM left out',
  help: `Usage: hostplan plan --hosts FILE --vms FILE [--policy FILE] [--goal consolidate|balance]
                     [--perf FILE... [--percentile P] [--comfort F] [--coincident-peaks] [--threads N]] [--failover K]
                     [--html OUT] [--markdown OUT] [--csv DIR] [--title TEXT] [--json OUT|-] [--verbose]
       hostplan plan --hosts FILE --current FILE [--vms FILE] [--add-hosts FILE] [--remove-host ID]...
                     [--growth F] [--failover K] [--policy FILE] [--html OUT] ... [--json OUT|-]

Places every VM on a host: hard filters (capacity on every resource after reserves, platform
limits, running-VM limit, anti-affinity, affinity groups, unavailable hosts), then scorers
that fill hosts (consolidate, the default) or spread load (balance). Prints hosts used against
the lower bound, each host's use and binding resource, how far hosts were allowed to fill
(with a warning for hosts at 100 %), and the VMs left out grouped by their reasons (each VM's
reason on every host with --verbose, --json or --csv). With --perf, the VMs found in the perf counter logs are sized from their
measurements (percentile x comfort factor) instead of their inventory figures. With
--failover K, every set of K failed hosts per cluster is re-placed onto the survivors.
Checks the seed's NIC roles on every host (management, guest; heartbeat when clustered, i.e.
with --failover K > 0 or a cluster named; two iSCSI ports when a host has any; live
migration from 2008 R2) and the VMs per cluster (1,000 on 2008 R2, 8,000 from 2012).
Exit code 1 when VMs are left out, failover is not met or not proven (a verdict is "met" only
when every failure set was re-placed, or an argument covers the sets not checked), or a seed
rule is broken (an error).

With --current, checks the farm as it runs today instead, moving nothing: every VM stays on its
host, and every limit it breaks is listed (a resource beyond a host's limit, anti-affinity,
platform rules, unknown or unavailable hosts), with --failover K checked on that layout. What-if
options change only what they must: --add-hosts adds empty hosts, --remove-host takes a host
out and places its VMs on the rest, --growth F adds F x the VM count as copies of the VMs,
placed around the running ones. Exit code 1 when the layout breaks a limit, a VM has no host,
or failover is not met.

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
                  not coincide pack tighter (failover is still checked on summed percentiles);
                  exit 2 when no planned VM gets a profile (e.g. log hosts not in --hosts)
  --threads N     worker threads for the statistics of the --perf logs (default: the machine's
                  cores, os.availableParallelism(); 1: everything on one thread)
  --failover K    host failures per cluster to survive, checked by re-placement
  --html OUT      write the HTML report to OUT: plan, every VM's placement, failover, measurements
                  over time (with --perf), assumptions, and what-if controls that re-plan in the page
  --markdown OUT  write a Markdown summary to OUT
  --csv DIR       write DIR/placements.csv (and DIR/failover-runbook.csv with --failover: where
                  each VM of each failure set restarts, worst sets first)
  --title TEXT    report title (default "Capacity plan")
  --json OUT|-    the plan as JSON: placements, unplaced (with reasons), hosts, summary, findings
                  (seed rules), assumptions
                  (and failover, with --failover: verdict, proof, coverage and the scenarios,
                  i.e. failed hosts, where each displaced VM restarts, what would not and why;
                  the 1,000 worst sets when there are more, with a note; with --current, problems,
                  placedByWhatIf, fits)
  --current FILE  today's layout: VMs with a "host" field (hostplan import keeps RVTools Host and
                  Cluster, Get-VM ComputerName), JSON or CSV; or a plan's JSON (placements, with --vms)
  --add-hosts FILE     what-if (with --current): hosts added, empty
  --remove-host ID     what-if (with --current): take a host out (repeatable); its VMs go elsewhere
  --growth F           what-if (with --current): F x more VMs (0.1 = 10 %), copies of the inventory
  --verbose       list every VM left out with its reason on each host, not only the groups

Examples:
  hostplan plan --hosts data/hosts.json --vms data/vms.json
  hostplan plan --hosts data/hosts.json --vms data/vms.csv --goal balance --json plan.json
  hostplan plan --hosts data/hosts.json --vms data/vms.json --perf data/perf/hv01.csv data/perf/hv02.csv \\
    --failover 1 --html out/report.html
  hostplan import data/rvtools-vinfo.csv --json estate.json
  hostplan plan --hosts data/hosts.json --current estate.json --failover 1 --remove-host hv07`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], strict: true, allowPositionals: true, options: {
      hosts: { type: 'string' }, vms: { type: 'string' }, policy: { type: 'string' }, goal: { type: 'string' }, json: { type: 'string' },
      perf: { type: 'string', multiple: true }, percentile: { type: 'string' }, comfort: { type: 'string' }, failover: { type: 'string' },
      html: { type: 'string' }, markdown: { type: 'string' }, csv: { type: 'string' }, title: { type: 'string' },
      'coincident-peaks': { type: 'boolean' }, current: { type: 'string' }, 'add-hosts': { type: 'string' }, 'remove-host': { type: 'string', multiple: true }, growth: { type: 'string' }, verbose: { type: 'boolean' }, threads: { type: 'string' },
    } });
    const whatIf = values['add-hosts'] !== undefined || values['remove-host'] !== undefined || values.growth !== undefined;
    if (values.current !== undefined) {
      if (!values.hosts) throw new UsageError('plan --current needs --hosts FILE');
      if (values.perf || positionals.length || values['coincident-peaks']) throw new UsageError('--current takes no --perf: it checks the layout with the VMs as given');
      const k = numberOption(values.failover, 'failover', (n) => Number.isInteger(n) && n >= 0, 'a whole number of host failures >= 0');
      const goal = goalOption(values.goal);
      const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};
      return planCurrent({ hosts: values.hosts, current: values.current, vms: values.vms, addHosts: values['add-hosts'], removeHost: values['remove-host'], growth: values.growth, failover: k, goal, policy, json: values.json, html: values.html, markdown: values.markdown, csv: values.csv, title: values.title }, io);
    }
    if (whatIf) throw new UsageError('--add-hosts, --remove-host and --growth need --current FILE (for a new farm, see hostplan size --add/--remove/--growth)');
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
      for (const m of demand.vms) if (!ids.has(m.vm?.id ?? m.id)) notInInventory.push(m.id);
    }
    const co = demand && values['coincident-peaks'] ? coincidenceProfiles(demand, { ...(percentile !== undefined && { percentile }) }) : undefined;
    if (co) checkCoincidence(co, vms, io);
    const placing = countingBar(io, `placing ${vms.length} VMs`);
    const result = placeVms(hosts, vms, { policy, ...(goal && { goal }), ...(co && { coincidence: co.coincidence }), ...(placing && { onProgress: placing }) });
    const sets = countingBar(io, 'failover sets');
    const failover = k === undefined ? undefined : failoverReport(hosts, result, { vms, k, policy, ...(sets && { onProgress: sets }) });
    // how often each host's measured demand goes over its limit, whichever way it was planned
    const exposure = demand ? planExposure(demand, hosts, vms, result, policy) : undefined;
    // the seed's NIC roles per host and the platform's VMs per cluster (clustered with --failover)
    const findings = checkFarmRules(hosts, result.placements, { clustered: (k ?? 0) > 0, policy });
    const incomplete = result.unplaced.length > 0 || failover?.summary.met === false || findings.some((f) => f.severity === 'error');
    const code = incomplete ? EXIT.incomplete : EXIT.ok;

    const wantsReport = values.html || values.markdown || values.csv;
    const written: string[] = [];
    if (wantsReport) {
      const timelines = demand ? reportTimelinesFrom({ demand, plan: result, vms, hosts, policy }) : null;
      const input: ReportInput = {
        title: values.title ?? 'Capacity plan',
        ...reportInputFromPlan({ plan: result, hosts, vms, policy }),
        ...(failover && { failover: reportFailoverFrom({ summary: failover.summary, result: failover.result, plan: result, hosts, vms, policy }) }),
        ...(demand && withExposure(reportInputFromDemand(demand), exposure)),
        ...(timelines && { timelines }),
        // the page re-plans with core as this command did; peak coincidence needs the measured profiles, so not then
        ...(!co && { whatIf: whatIfData({ hosts, vms, policy, goal, k, comfortFactor, demand }) }),
        assumptions: [...result.assumptions, ...(co?.assumptions ?? []), ...(failover?.result.assumptions ?? []), ...(demand?.assumptions ?? [])],
      };
      written.push(...await writeReportOutputs(input, { html: values.html, markdown: values.markdown, csv: values.csv }, io));
    }
    if (values.json) {
      const runbook = failover && failoverRunbook(failover.result, result);
      const failoverJson = failover && runbook && { ...failover.summary, scenarios: runbook.scenarios, scenariosChecked: runbook.total, ...(runbook.note && { scenariosNote: runbook.note }) };
      await writeJson(values.json, { ...result, unplaced: compactUnplaced(result.unplaced), findings, ...(exposure && { exposure }), ...(failoverJson && { failover: failoverJson }), ...(demand && { measured: demand.vms.map((m) => ({ id: m.id, host: m.host, demand: m.demand, confidence: m.confidence })) }) }, io);
      if (values.json === '-') return code;
    }
    const s = result.summary;
    io.stdout.write(`Placed ${s.vmsPlaced} of ${vms.length} VMs on ${s.hostsUsed} of ${hosts.length} hosts (lower bound ${s.lowerBound}); binding: ${bindingHeadline(result.hosts)}.\n\n`);
    io.stdout.write(table(['host', 'VMs', 'binding', 'CPU', 'memory', 'IOPS', 'storage', 'network'], result.hosts.map((h) => [
      h.id, String(h.vms.length), h.binding ?? '-', pct(h.used.cpuGHz, h.capacity.cpuGHz), pct(h.used.memoryMB, h.capacity.memoryMB),
      pct(h.used.iops, h.capacity.iops), pct(h.used.storageGB, h.capacity.storageGB), pct(h.used.networkMbps, h.capacity.networkMbps),
    ])));
    io.stdout.write(`\nShares of each host's limit after reserves (${Object.entries(RESOURCE_UNITS).map(([r, u]) => `${r} in ${u}`).join(', ')}); --json lists the assumptions.\n`);
    const comfort = Number(demand?.assumptions.find((a) => a.name === 'demand.comfortFactor')?.value ?? 1);
    io.stdout.write(`${defaultsLine(policy, comfort, demand !== undefined)}\n`);
    for (const w of edgeWarnings(result.hosts, policy, demand !== undefined)) io.stdout.write(`${w}\n`);
    if (result.unplaced.length) {
      io.stdout.write(`\n${unplacedSummaryLines(groupUnplaced(result.unplaced), hosts.length).join('\n')}\n`);
      if (values.verbose) {
        for (const u of compactUnplaced(result.unplaced)) {
          io.stdout.write(`  ${u.vm}:\n`);
          for (const r of u.reasons) io.stdout.write(`    ${r.message}\n`);
        }
      } else {
        io.stdout.write(`  (each VM's reason on every host: --verbose, --json or --csv)\n`);
      }
    }
    printFindings(io, findings);
    if (demand) {
      const sized = demand.vms.filter((m) => m.vm && inventory.some((v) => v.id === m.vm!.id)).length;
      io.stdout.write(`Measurements: ${sized} VM${sized === 1 ? '' : 's'} sized from ${perfFiles.length} perf log${perfFiles.length === 1 ? '' : 's'} (p${demand.assumptions.find((a) => a.name === 'demand.percentile')?.value ?? 95} x comfort ${demand.assumptions.find((a) => a.name === 'demand.comfortFactor')?.value ?? 1}); the other ${vms.length - sized} from the inventory.\n`);
      if (co) {
        const filled = Object.values(co.filled);
        const buckets = filled.reduce((n, f) => n + Math.max(0, ...Object.values(f).map((x) => x ?? 0)), 0);
        io.stdout.write(`Peak coincidence: hosts carry the p${percentile ?? 95} of their VMs' summed series (${co.points} points of ${co.bucketMs / 60_000} min)${filled.length ? `; ${buckets} missing point${buckets === 1 ? '' : 's'} in ${filled.length} VM${filled.length === 1 ? '' : 's'} count as the VM's peak` : ''}.\n`);
      }
      if (exposure) printExposure(io, exposure);
      if (notInInventory.length) io.stdout.write(`  measured but not in the inventory, so not planned: ${notInInventory.join(', ')}\n`);
    }
    if (failover) {
      const f = failover.summary;
      const verdict = f.verdict === 'met' ? 'met' : f.verdict === 'not met' ? 'NOT met' : 'NOT PROVEN';
      io.stdout.write(`Failover N+${k}: ${verdict}, ${f.proof.replace(/^(met|not met|not proven): /, '')}; tolerates ${f.toleratedFailures} host failure${f.toleratedFailures === 1 ? '' : 's'} per cluster${f.worstScenario ? `; worst: ${f.worstScenario.description}` : ''}.\n`);
      for (const w of f.warnings) io.stdout.write(`  warning: ${w}\n`);
      for (const u of f.notRestarted.slice(0, 10)) io.stdout.write(`  would not restart: ${u.vm}: ${u.reasons[0]?.message ?? ''}\n`);
      const w = failover.result.worst;
      if (w?.placements.length) {
        const shown = w.placements.slice(0, 8).map((p) => `${p.vm} -> ${p.host}`).join(', ');
        io.stdout.write(`  runbook, ${w.failed.join(' + ')} down: ${shown}${w.placements.length > 8 ? `, ... (${w.placements.length} restarts)` : ''}; every failure set in --json and --csv (failover-runbook.csv)\n`);
      }
    }
    for (const w of written) io.stdout.write(`wrote ${w}\n`);
    return code;
  },
};
