import { RESOURCE_UNITS, type FailoverResult, type FailoverSummary, type FarmFinding, type Host, type HostExposure, type PlacementPlan, type Policy, type Vm } from '@hostplan/core';
import type { CoincidenceProfiles, DemandResult } from '@hostplan/bench';
import { printExposure } from '../exposure.js';
import { printFindings } from '../findings.js';
import type { Io } from '../io.js';
import { bindingHeadline, defaultsLine, edgeWarnings } from '../summaries/planEdges.js';
import { groupUnplaced, unplacedSummaryLines } from '../summaries/unplaced.js';
import { table } from '../table.js';
import { compactUnplaced } from '../unplacedOutput.js';

/**
 * A host's use of a limit as a whole percentage for the plan tables, '-' for an unlimited or
 * zero limit.
 *
 * @example
 * pct(12, 48) // => '25%'
 */
export const pct = (used: number, cap: number): string => (Number.isFinite(cap) && cap > 0 ? `${((100 * used) / cap).toFixed(0)}%` : '-');

/** What `hostplan plan` found, as its terminal summary reads it. */
export interface PlanOutcome {
  readonly result: PlacementPlan;
  readonly hosts: readonly Host[];
  /** The VMs planned: the inventory, with measured VMs sized from their logs. */
  readonly vms: readonly Vm[];
  readonly inventory: readonly Vm[];
  readonly policy: Policy;
  readonly findings: readonly FarmFinding[];
  readonly measured?: {
    readonly demand: DemandResult;
    readonly perfFiles: readonly string[];
    readonly co: CoincidenceProfiles | undefined;
    readonly percentile: number | undefined;
    readonly exposure: readonly HostExposure[] | undefined;
    readonly notInInventory: readonly string[];
  };
  readonly failover?: { readonly k: number; readonly summary: FailoverSummary; readonly result: FailoverResult };
}

/**
 * Writes the terminal summary of a plan: hosts used and each host's use, the defaults, the VMs
 * left out, the farm rules, the measurements and the failover verdict.
 *
 * @example
 * printPlanSummary(io, { result, hosts, vms, inventory: vms, policy: {}, findings: [] }, false);
 */
export function printPlanSummary(io: Io, o: PlanOutcome, verbose: boolean): void {
  printPlacement(io, o);
  if (o.result.unplaced.length) printUnplaced(io, o, verbose);
  printFindings(io, o.findings);
  if (o.measured) printMeasurements(io, o.measured, o.inventory, o.vms.length);
  if (o.failover) printFailover(io, o.failover);
}

function printPlacement(io: Io, { result, hosts, vms, policy, measured }: PlanOutcome): void {
  const s = result.summary;
  io.stdout.write(`Placed ${s.vmsPlaced} of ${vms.length} VMs on ${s.hostsUsed} of ${hosts.length} hosts (lower bound ${s.lowerBound}); binding: ${bindingHeadline(result.hosts)}.\n\n`);
  io.stdout.write(table(['host', 'VMs', 'binding', 'CPU', 'memory', 'IOPS', 'storage', 'network'], result.hosts.map((h) => [
    h.id, String(h.vms.length), h.binding ?? '-', pct(h.used.cpuGHz, h.capacity.cpuGHz), pct(h.used.memoryMB, h.capacity.memoryMB),
    pct(h.used.iops, h.capacity.iops), pct(h.used.storageGB, h.capacity.storageGB), pct(h.used.networkMbps, h.capacity.networkMbps),
  ])));
  io.stdout.write(`\nShares of each host's limit after reserves (${Object.entries(RESOURCE_UNITS).map(([r, u]) => `${r} in ${u}`).join(', ')}); --json lists the assumptions.\n`);
  const demand = measured?.demand;
  const comfort = Number(demand?.assumptions.find((a) => a.name === 'demand.comfortFactor')?.value ?? 1);
  io.stdout.write(`${defaultsLine(policy, comfort, demand !== undefined)}\n`);
  for (const w of edgeWarnings(result.hosts, policy, demand !== undefined)) io.stdout.write(`${w}\n`);
}

function printUnplaced(io: Io, { result, hosts }: PlanOutcome, verbose: boolean): void {
  io.stdout.write(`\n${unplacedSummaryLines(groupUnplaced(result.unplaced), hosts.length).join('\n')}\n`);
  if (verbose) {
    for (const u of compactUnplaced(result.unplaced)) {
      io.stdout.write(`  ${u.vm}:\n`);
      for (const r of u.reasons) io.stdout.write(`    ${r.message}\n`);
    }
  } else {
    io.stdout.write(`  (each VM's reason on every host: --verbose, --json or --csv)\n`);
  }
}

function printMeasurements(io: Io, m: NonNullable<PlanOutcome['measured']>, inventory: readonly Vm[], planned: number): void {
  const { demand, perfFiles, co, percentile, exposure, notInInventory } = m;
  const ids = new Set(inventory.map((v) => v.id));
  const sized = demand.vms.filter((x) => x.vm && ids.has(x.vm.id)).length;
  io.stdout.write(`Measurements: ${sized} VM${sized === 1 ? '' : 's'} sized from ${perfFiles.length} perf log${perfFiles.length === 1 ? '' : 's'} (p${demand.assumptions.find((a) => a.name === 'demand.percentile')?.value ?? 95} x comfort ${demand.assumptions.find((a) => a.name === 'demand.comfortFactor')?.value ?? 1}); the other ${planned - sized} from the inventory.\n`);
  if (co) {
    const filled = Object.values(co.filled);
    const buckets = filled.reduce((n, f) => n + Math.max(0, ...Object.values(f).map((x) => x ?? 0)), 0);
    io.stdout.write(`Peak coincidence: hosts carry the p${percentile ?? 95} of their VMs' summed series (${co.points} points of ${co.bucketMs / 60_000} min)${filled.length ? `; ${buckets} missing point${buckets === 1 ? '' : 's'} in ${filled.length} VM${filled.length === 1 ? '' : 's'} count as the VM's peak` : ''}.\n`);
  }
  if (exposure) printExposure(io, exposure);
  if (notInInventory.length) io.stdout.write(`  measured but not in the inventory, so not planned: ${notInInventory.join(', ')}\n`);
}

function printFailover(io: Io, failover: NonNullable<PlanOutcome['failover']>): void {
  const { k } = failover;
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
