import { parseArgs } from 'node:util';
import { PLACEMENT_GOALS, placeVms, RESOURCE_UNITS, type PlacementGoal } from '@hostplan/core';
import { loadHosts, loadPolicy, loadVms } from '@hostplan/bench';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';

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
  help: `Usage: hostplan plan --hosts FILE --vms FILE [--policy FILE] [--goal consolidate|balance] [--json OUT|-]

Places every VM on a host: hard filters (capacity on every resource after reserves, platform
limits, running-VM limit, anti-affinity, affinity groups, unavailable hosts), then scorers
that fill hosts (consolidate, the default) or spread load (balance). Prints hosts used against
the lower bound, each host's use and binding resource, and for every VM left out the reason
on each host. Exit code 1 when VMs are left out.

Options:
  --hosts FILE    hosts as JSON or CSV
  --vms FILE      VMs as JSON or CSV
  --policy FILE   policy JSON (reserves, ratios, overhead)
  --goal G        consolidate (fewest hosts) or balance (spread load); default consolidate
  --json OUT|-    the plan as JSON: placements, unplaced (with reasons), hosts, summary, assumptions

Examples:
  hostplan plan --hosts data/hosts.json --vms data/vms.json
  hostplan plan --hosts data/hosts.json --vms data/vms.csv --goal balance --json plan.json`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], strict: true, options: {
      hosts: { type: 'string' }, vms: { type: 'string' }, policy: { type: 'string' }, goal: { type: 'string' }, json: { type: 'string' },
    } });
    if (!values.hosts || !values.vms) throw new UsageError('plan needs --hosts FILE and --vms FILE');
    const goal = goalOption(values.goal);
    const hosts = await loadHosts(values.hosts, io.cwd);
    const vms = await loadVms(values.vms, io.cwd);
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};
    const result = placeVms(hosts, vms, { policy, ...(goal && { goal }) });
    const code = result.unplaced.length ? EXIT.incomplete : EXIT.ok;
    if (values.json) {
      await writeJson(values.json, result, io);
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
    return code;
  },
};
