import { parseArgs } from 'node:util';
import { checkFarmRules, failoverReport, failoverRunbook, PLACEMENT_GOALS, placeVms, type Host, type PlacementGoal, type Vm } from '@hostplan/core';
import { coincidenceProfiles, loadHosts, loadPolicy, loadVms, measureDemand, type DemandResult } from '@hostplan/bench';
import { reportFailoverFrom, reportInputFromPlan, type ReportInput } from '@hostplan/report';
import { reportInputFromDemand } from '../reportFromDemand.js';
import type { Command } from '../command.js';
import { EXIT, UsageError, type ExitCode, type Io } from '../io.js';
import { writeJson } from '../output.js';
import { perfFilesSource } from '../perfFiles.js';
import { countingBar, progressBar } from '../progress.js';
import { writeReportOutputs } from '../reportOutputs.js';
import { numberOption } from '../options.js';
import { reportTimelinesFrom } from '../timelines.js';
import { whatIfData } from '../whatIfData.js';
import { planCurrent } from './planCurrent.js';
import { printPlanSummary, type PlanOutcome } from './planOutput.js';
import { checkCoincidence } from '../coincidenceCheck.js';
import { exposureRows, planExposure } from '../exposure.js';
import { compactUnplaced } from '../unplacedOutput.js';
import { threadPlan, threadsOption, withThreadsAssumption } from '../threads.js';

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

const PLAN_OPTIONS = {
  hosts: { type: 'string' }, vms: { type: 'string' }, policy: { type: 'string' }, goal: { type: 'string' }, json: { type: 'string' },
  perf: { type: 'string', multiple: true }, percentile: { type: 'string' }, comfort: { type: 'string' }, failover: { type: 'string' },
  html: { type: 'string' }, markdown: { type: 'string' }, csv: { type: 'string' }, title: { type: 'string' },
  'coincident-peaks': { type: 'boolean' }, current: { type: 'string' }, 'add-hosts': { type: 'string' }, 'remove-host': { type: 'string', multiple: true }, growth: { type: 'string' }, verbose: { type: 'boolean' }, threads: { type: 'string' },
} as const;

type PlanValues = ReturnType<typeof parseArgs<{ args: string[]; strict: true; allowPositionals: true; options: typeof PLAN_OPTIONS }>>['values'];

const failoverOption = (value: string | undefined) => numberOption(value, 'failover', (n) => Number.isInteger(n) && n >= 0, 'a whole number of host failures >= 0');

/** `plan --current FILE`: today's layout checked (and what-ifs on it), by planCurrent. */
async function runCurrent(values: PlanValues, positionals: readonly string[], io: Io): Promise<ExitCode> {
  if (!values.hosts) throw new UsageError('plan --current needs --hosts FILE');
  if (values.perf || positionals.length || values['coincident-peaks']) throw new UsageError('--current takes no --perf: it checks the layout with the VMs as given');
  const k = failoverOption(values.failover);
  const goal = goalOption(values.goal);
  const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};
  return planCurrent({ hosts: values.hosts, current: values.current!, vms: values.vms, addHosts: values['add-hosts'], removeHost: values['remove-host'], growth: values.growth, failover: k, goal, policy, json: values.json, html: values.html, markdown: values.markdown, csv: values.csv, title: values.title }, io);
}

/** The options of a new plan, checked before any file is read. */
function planArgs(values: PlanValues, positionals: readonly string[]) {
  const whatIf = values['add-hosts'] !== undefined || values['remove-host'] !== undefined || values.growth !== undefined;
  if (whatIf) throw new UsageError('--add-hosts, --remove-host and --growth need --current FILE (for a new farm, see hostplan size --add/--remove/--growth)');
  if (!values.hosts || !values.vms) throw new UsageError('plan needs --hosts FILE and --vms FILE');
  // --perf FILE... : files after --perf that no option claims are more perf logs
  if (positionals.length && !values.perf) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; perf logs go after --perf`);
  const perfFiles = [...(values.perf ?? []), ...positionals];
  const goal = goalOption(values.goal);
  const k = failoverOption(values.failover);
  const percentile = numberOption(values.percentile, 'percentile', (x) => x > 0 && x <= 100, 'a percentile in (0, 100]');
  const comfortFactor = numberOption(values.comfort, 'comfort', (x) => x > 0, 'a factor > 0');
  if (!perfFiles.length && (percentile !== undefined || comfortFactor !== undefined)) throw new UsageError('--percentile and --comfort need --perf FILE...');
  if (!perfFiles.length && values['coincident-peaks']) throw new UsageError('--coincident-peaks needs --perf FILE...');
  if (!perfFiles.length && values.threads !== undefined) throw new UsageError('--threads needs --perf FILE...');
  const threads = threadsOption(values.threads);
  return { hosts: values.hosts, vms: values.vms, perfFiles, goal, k, percentile, comfortFactor, threads };
}

/** The VMs measured in the perf logs, sized from their measurements; the inventory's others as given; measured VMs the inventory lacks listed. */
async function measureForPlan(o: ReturnType<typeof planArgs>, hosts: Host[], inventory: Vm[], io: Io): Promise<{ demand: DemandResult; vms: Vm[]; notInInventory: string[] }> {
  const onProgress = progressBar(io);
  const files = perfFilesSource(o.perfFiles, { ...(onProgress && { onProgress }), parseWorkers: threadPlan(o.threads.threads).parseWorkers }, io);
  const result = await measureDemand(files.source, { hosts, inventory, ...(o.percentile !== undefined && { percentile: o.percentile }), ...(o.comfortFactor !== undefined && { comfortFactor: o.comfortFactor }), stats: { threads: threadPlan(o.threads.threads).statistics, callingThreadShare: threadPlan(o.threads.threads).callingThreadShare } });
  const demand = { ...result, assumptions: withThreadsAssumption(result.assumptions, o.threads) };
  const measured = new Map(demand.vms.flatMap((m) => (m.vm ? [[m.vm.id, m.vm] as const] : [])));
  const vms = inventory.map((v) => measured.get(v.id) ?? v);
  const ids = new Set(inventory.map((v) => v.id));
  const notInInventory = demand.vms.filter((m) => !ids.has(m.vm?.id ?? m.id)).map((m) => m.id);
  return { demand, vms, notInInventory };
}

/** The HTML, Markdown and CSV reports of a plan; the files written. */
async function writePlanReports(p: PlanOutcome, o: { goal: PlacementGoal | undefined; comfortFactor: number | undefined; title: string | undefined }, targets: Parameters<typeof writeReportOutputs>[1], io: Io): Promise<string[]> {
  const { result, hosts, vms, policy, measured } = p;
  const demand = measured?.demand;
  const co = measured?.co;
  const failover = p.failover;
  const timelines = demand ? reportTimelinesFrom({ demand, plan: result, vms, hosts, policy }) : null;
  const input: ReportInput = {
    title: o.title ?? 'Capacity plan',
    ...reportInputFromPlan({ plan: result, hosts, vms, policy }),
    ...(failover && { failover: reportFailoverFrom({ summary: failover.summary, result: failover.result, plan: result, hosts, vms, policy }) }),
    ...(demand && withExposure(reportInputFromDemand(demand), measured.exposure)),
    ...(timelines && { timelines }),
    // the page re-plans with core as this command did; peak coincidence needs the measured profiles, so not then
    ...(!co && { whatIf: whatIfData({ hosts, vms, policy, goal: o.goal, k: failover?.k, comfortFactor: o.comfortFactor, demand }) }),
    assumptions: [...result.assumptions, ...(co?.assumptions ?? []), ...(failover?.result.assumptions ?? []), ...(demand?.assumptions ?? [])],
  };
  return writeReportOutputs(input, targets, io);
}

/** The plan as JSON: placements, VMs left out (compact), findings, exposure, the failover runbook and the measured demand. */
async function writePlanJson(target: string, p: PlanOutcome, io: Io): Promise<void> {
  const { result, findings, measured, failover } = p;
  const exposure = measured?.exposure;
  const demand = measured?.demand;
  const runbook = failover && failoverRunbook(failover.result, result);
  const failoverJson = failover && runbook && { ...failover.summary, scenarios: runbook.scenarios, scenariosChecked: runbook.total, ...(runbook.note && { scenariosNote: runbook.note }) };
  await writeJson(target, { ...result, unplaced: compactUnplaced(result.unplaced), findings, ...(exposure && { exposure }), ...(failoverJson && { failover: failoverJson }), ...(demand && { measured: demand.vms.map((m) => ({ id: m.id, host: m.host, demand: m.demand, confidence: m.confidence })) }) }, io);
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
  --threads N     threads for reading the --perf logs and their statistics, in all (default: the
                  machine's cores, os.availableParallelism(), at most 4): the calling thread
                  reads, N-1 compute the statistics, from 4 on one of them parses a PDH log
                  over 16 MiB instead; 1: everything on one thread
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
    const { values, positionals } = parseArgs({ args: [...args], strict: true, allowPositionals: true, options: PLAN_OPTIONS });
    if (values.current !== undefined) return runCurrent(values, positionals, io);
    const o = planArgs(values, positionals);
    const hosts = await loadHosts(o.hosts, io.cwd);
    const inventory = await loadVms(o.vms, io.cwd);
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};
    // VMs covered by the perf logs are sized from their measurements; the rest keep their inventory figures.
    const m = o.perfFiles.length ? await measureForPlan(o, hosts, inventory, io) : undefined;
    const vms = m?.vms ?? inventory;
    const demand = m?.demand;
    const co = demand && values['coincident-peaks'] ? coincidenceProfiles(demand, { ...(o.percentile !== undefined && { percentile: o.percentile }) }) : undefined;
    if (co) checkCoincidence(co, vms, io);
    const placing = countingBar(io, `placing ${vms.length} VMs`);
    const result = placeVms(hosts, vms, { policy, ...(o.goal && { goal: o.goal }), ...(co && { coincidence: co.coincidence }), ...(placing && { onProgress: placing }) });
    const sets = countingBar(io, 'failover sets');
    const k = o.k;
    const failover = k === undefined ? undefined : failoverReport(hosts, result, { vms, k, policy, ...(sets && { onProgress: sets }) });
    // how often each host's measured demand goes over its limit, whichever way it was planned
    const exposure = demand ? planExposure(demand, hosts, vms, result, policy) : undefined;
    // the seed's NIC roles per host and the platform's VMs per cluster (clustered with --failover)
    const findings = checkFarmRules(hosts, result.placements, { clustered: (k ?? 0) > 0, policy });
    const incomplete = result.unplaced.length > 0 || failover?.summary.met === false || findings.some((f) => f.severity === 'error');
    const code = incomplete ? EXIT.incomplete : EXIT.ok;
    const outcome: PlanOutcome = {
      result, hosts, vms, inventory, policy, findings,
      ...(demand && { measured: { demand, perfFiles: o.perfFiles, co, percentile: o.percentile, exposure, notInInventory: m.notInInventory } }),
      ...(failover && k !== undefined && { failover: { k, ...failover } }),
    };
    const written = values.html || values.markdown || values.csv ? await writePlanReports(outcome, { goal: o.goal, comfortFactor: o.comfortFactor, title: values.title }, { html: values.html, markdown: values.markdown, csv: values.csv }, io) : [];
    if (values.json) {
      await writePlanJson(values.json, outcome, io);
      if (values.json === '-') return code;
    }
    printPlanSummary(io, outcome, values.verbose ?? false);
    for (const w of written) io.stdout.write(`wrote ${w}\n`);
    return code;
  },
};
