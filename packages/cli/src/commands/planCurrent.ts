import { checkLayout, failoverReport, formatDecimal, type PlacementGoal, type Policy } from '@hostplan/core';
import { loadHosts } from '@hostplan/bench';
import { reportFailoverFrom, reportInputFromPlan, type ReportInput } from '@hostplan/report';
import { EXIT, UsageError, type ExitCode, type Io } from '../io.js';
import { numberOption } from '../options.js';
import { writeJson } from '../output.js';
import { loadLayout } from '../placedInput.js';
import { countingBar } from '../progress.js';
import { writeReportOutputs } from '../reportOutputs.js';
import { table } from '../table.js';
import { pct } from './planOutput.js';

/** The options of `plan --current` (parsed by the plan command). */
export interface CurrentOptions {
  readonly hosts: string;
  readonly current: string;
  readonly vms?: string;
  readonly addHosts?: string;
  readonly removeHost?: readonly string[];
  readonly growth?: string;
  readonly failover?: number;
  readonly goal?: PlacementGoal;
  readonly policy: Policy;
  readonly json?: string;
  readonly html?: string;
  readonly markdown?: string;
  readonly csv?: string;
  readonly title?: string;
}

/**
 * `hostplan plan --current FILE`: checks the farm as it runs today (limits, rules, failover)
 * without moving anything; `--add-hosts`, `--remove-host` and `--growth` change only what they
 * must. Exit 1 when the layout breaks a limit, leaves VMs out or misses failover.
 */
export async function planCurrent(o: CurrentOptions, io: Io): Promise<ExitCode> {
  const growth = numberOption(o.growth, 'growth', (n) => n >= 0, 'a fraction of more VMs >= 0 (0.1 for 10 %)');
  const hosts = await loadHosts(o.hosts, io.cwd);
  const addHosts = o.addHosts ? await loadHosts(o.addHosts, io.cwd) : undefined;
  const { vms, placed } = await loadLayout(o.current, io.cwd, o.vms);
  if (placed.length === 0) throw new UsageError(`${o.current}: no VM has a host: expected VMs with a "host" field (hostplan import keeps RVTools Host, Get-VM ComputerName) or a plan's placements`);
  const check = checkLayout(hosts, vms, placed, {
    policy: o.policy, ...(o.goal && { goal: o.goal }), ...(addHosts && { addHosts }), ...(o.removeHost && { removeHosts: o.removeHost }), ...(growth !== undefined && { growth }),
  });
  const plan = check.plan;
  const farm = [...hosts.filter((h) => !(o.removeHost ?? []).includes(h.id)), ...(addHosts ?? [])];
  const placedVms = check.vms;
  const sets = countingBar(io, 'failover sets');
  const failover = o.failover === undefined ? undefined : failoverReport(farm, plan, { vms: placedVms, k: o.failover, policy: o.policy, ...(sets && { onProgress: sets }) });
  const code = !check.fits || failover?.summary.met === false ? EXIT.incomplete : EXIT.ok;
  const written: string[] = [];
  if (o.html || o.markdown || o.csv) {
    const input: ReportInput = {
      title: o.title ?? 'Current layout',
      ...reportInputFromPlan({ plan, hosts: farm, vms: placedVms, policy: o.policy }),
      ...(failover && { failover: reportFailoverFrom({ summary: failover.summary, result: failover.result, plan, hosts: farm, vms: placedVms, policy: o.policy }) }),
      assumptions: [...plan.assumptions, ...(failover?.result.assumptions ?? [])],
    };
    written.push(...await writeReportOutputs(input, { html: o.html, markdown: o.markdown, csv: o.csv }, io));
  }
  if (o.json) {
    await writeJson(o.json, { ...plan, problems: check.problems, placedByWhatIf: check.placedByWhatIf, fits: check.fits, ...(failover && { failover: failover.summary }) }, io);
    if (o.json === '-') return code;
  }
  const running = new Set(plan.placements.map((p) => p.host));
  io.stdout.write(`Current layout: ${placed.length} VMs running on ${new Set(placed.map((p) => p.host)).size} hosts, nothing moved; ${check.fits ? 'it fits' : `it does NOT fit (${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}${plan.unplaced.length ? `, ${plan.unplaced.length} VMs with no host` : ''})`}.\n`);
  if (o.removeHost?.length) io.stdout.write(`What-if: ${o.removeHost.join(', ')} taken out.\n`);
  if (addHosts) io.stdout.write(`What-if: ${addHosts.length} host${addHosts.length === 1 ? '' : 's'} added (${addHosts.map((h) => h.id).join(', ')}).\n`);
  if (growth !== undefined) io.stdout.write(`What-if: ${formatDecimal(growth * 100, 3)} % more VMs (copies of the inventory).\n`);
  const shown = check.placedByWhatIf.slice(0, 20).map((p) => `${p.vm} -> ${p.host}`).join(', ');
  if (check.placedByWhatIf.length) io.stdout.write(`Placed by the what-if (${check.placedByWhatIf.length} VMs): ${shown}${check.placedByWhatIf.length > 20 ? ', ... (all in --json)' : ''}\n`);
  io.stdout.write('\n');
  io.stdout.write(table(['host', 'VMs', 'binding', 'CPU', 'memory', 'IOPS', 'storage', 'network'], plan.hosts.map((h) => [
    h.id, String(h.vms.length), running.has(h.id) ? h.binding ?? '-' : '-', pct(h.used.cpuGHz, h.capacity.cpuGHz), pct(h.used.memoryMB, h.capacity.memoryMB),
    pct(h.used.iops, h.capacity.iops), pct(h.used.storageGB, h.capacity.storageGB), pct(h.used.networkMbps, h.capacity.networkMbps),
  ])));
  if (check.problems.length) io.stdout.write(`\nProblems of the layout as it runs:\n${check.problems.map((p) => `  ${p.message}`).join('\n')}\n`);
  for (const u of plan.unplaced) io.stdout.write(`\n  ${u.vm} fits nowhere: ${u.reasons[0]?.message ?? ''}${u.reasons.length > 1 ? ` (and ${u.reasons.length - 1} more hosts)` : ''}`);
  if (plan.unplaced.length) io.stdout.write('\n');
  if (failover) {
    const f = failover.summary;
    io.stdout.write(`\nFailover N+${o.failover}: ${f.met ? 'met' : 'NOT met'}; tolerates ${f.toleratedFailures} host failure${f.toleratedFailures === 1 ? '' : 's'} per cluster (${f.exhaustive ? 'every failure set checked' : 'sampled failure sets'})${f.worstScenario ? `; worst: ${f.worstScenario.description}` : ''}.\n`);
    for (const u of f.notRestarted.slice(0, 10)) io.stdout.write(`  would not restart: ${u.vm}: ${u.reasons[0]?.message ?? ''}\n`);
  }
  for (const w of written) io.stdout.write(`wrote ${w}\n`);
  return code;
}
