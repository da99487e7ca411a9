import { parseArgs } from 'node:util';
import { formatDecimal, hostCapacity, policyAssumptions, resolvePolicy, RESOURCE_UNITS, RESOURCES } from '@hostplan/core';
import { loadHosts, loadPolicy } from '@hostplan/bench';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';

const fmt = (x: number) => formatDecimal(x, 1, { infinity: 'unlimited' });

export const capacity: Command = {
  name: 'capacity',
  summary: 'what each host can give, per resource, after reserves and platform limits',
  help: `Usage: hostplan capacity --hosts FILE [--policy FILE] [--json OUT|-]

Prints each host's usable capacity per resource (CPU GHz, vCPUs, memory MB, IOPS, storage GB,
guest network Mbps, running VMs), then the rule behind each figure, once per group of hosts
whose rules read the same.

Options:
  --hosts FILE    hosts as JSON (array or { "hosts": [...] }) or CSV
  --policy FILE   policy JSON (reserves, ratios, overhead formula); defaults are listed with --json
  --json OUT|-    write the result as JSON to OUT, or to standard output with -

Examples:
  hostplan capacity --hosts data/hosts.json
  hostplan capacity --hosts hosts.csv --policy data/policy-2008-conservative.json --json -`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { hosts: { type: 'string' }, policy: { type: 'string' }, json: { type: 'string' } }, strict: true });
    if (!values.hosts) throw new (await import('../io.js')).UsageError('capacity needs --hosts FILE');
    const hosts = await loadHosts(values.hosts, io.cwd);
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};
    const resolved = resolvePolicy(policy);
    const capacities = hosts.map((h) => hostCapacity(h, resolved));
    if (values.json) {
      await writeJson(values.json, {
        hosts: capacities.map((c, i) => ({ id: c.hostId, model: hosts[i]!.model, platform: c.platform.id, logicalProcessors: c.logicalProcessors, usableLogicalProcessors: c.usableLogicalProcessors, total: c.total, reserved: c.reserved, limits: c.limits, rules: c.rules })),
        assumptions: policyAssumptions(policy),
      }, io);
      if (values.json === '-') return EXIT.ok;
    }
    io.stdout.write(`Capacity of ${hosts.length} host${hosts.length === 1 ? '' : 's'} (after reserves and platform limits)\n\n`);
    io.stdout.write(table(
      ['host', 'model', 'platform', 'LPs', ...RESOURCES.map((r) => `${r === 'vms' ? 'VMs' : r}`)],
      capacities.map((c, i) => [c.hostId, hosts[i]!.model ?? '', c.platform.id, String(c.usableLogicalProcessors), ...RESOURCES.map((r) => fmt(c.limits[r]))]),
    ));
    io.stdout.write(`\nUnits: ${RESOURCES.map((r) => `${r} in ${RESOURCE_UNITS[r]}`).join(', ')}.\n`);
    // The rule behind each figure, once per group of hosts whose rules read the same.
    const groups = new Map<string, string[]>();
    capacities.forEach((c) => {
      const key = RESOURCES.map((r) => `${r}: ${c.rules[r]}`).join('\n');
      groups.set(key, [...(groups.get(key) ?? []), c.hostId]);
    });
    for (const [rules, ids] of groups) {
      io.stdout.write(`\nRules for ${ids.length === 1 ? ids[0] : `${ids.length} hosts (${ids.join(', ')})`}:\n${rules.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
    }
    return EXIT.ok;
  },
};
