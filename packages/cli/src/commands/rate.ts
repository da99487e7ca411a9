import { parseArgs } from 'node:util';
import { formatDecimal, rateHosts, type Vm } from '@hostplan/core';
import { loadHosts, loadPolicy, loadVms } from '@hostplan/bench';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { loadPlaced, placedFromVms } from '../placedInput.js';
import { table } from '../table.js';
import { goalOption } from './plan.js';

/** What the stars mean, per goal: shared by the help text and docs/model.md. */
export const STAR_SCALE = `Stars are absolute: a host's stars depend on that host, the VMs it runs, the new VM and the
goal alone, never on which other hosts are rated. Score = weighted mean, over the weighted
resources with a finite limit on that host (CPU, memory, disk I/O, network by default), of
  balance:      the share left after placing the VM (1 - utilisation)
  consolidate:  the utilisation after placing the VM, plus "occupied" (1 if the host already
                runs VMs, weight 1)
stars = max(0.5, round(score x 10) / 2); 0 only where the VM cannot go (reasons given).
  balance:      5 = 95 % or more left on average, 3 = 55-65 % left, 1 = 15-25 % left
  consolidate:  5 = a running host 94 % or more full on average, 3 = a running host 44-56 %
                full, 1 = a running host under 6 % full or an empty one 19-31 % full`;

export const rate: Command = {
  name: 'rate',
  summary: 'rate every host for one VM: absolute 0-5 stars, best first, a reason for every host',
  help: `Usage: hostplan rate --hosts FILE --vm FILE [--placed FILE] [--vms FILE] [--policy FILE]
                     [--goal consolidate|balance] [--json OUT|-]

Rates every host for one VM like SCVMM's host ratings, best first, and names the recommended
host. For every host: stars, score, what it would have left, and why: the recommended host's
figures after placement, for the others the figures that separate them from the best ("memory
after placement 91 % vs 62 % on hv03"), for zero stars what would have to change.

${STAR_SCALE}

Options:
  --hosts FILE    hosts as JSON or CSV
  --vm FILE       the VM to place (a VMs file holding exactly one VM)
  --placed FILE   VMs already running: a plan's JSON output ("placements" { vm: id, host }, with
                  --vms), a JSON array of such placements, or of VMs each with "host": "<host id>"
  --vms FILE      VMs as JSON or CSV: the VMs placements by id refer to; those with a "host"
                  field (as hostplan import writes them) run there
  --policy FILE   policy JSON
  --goal G        consolidate (pack, default) or balance (spread)
  --json OUT|-    the ratings as JSON (best first)

Examples:
  hostplan rate --hosts data/hosts.json --vm new-vm.json
  hostplan plan --hosts data/hosts.json --vms data/vms.json --json plan.json
  hostplan rate --hosts data/hosts.json --vms data/vms.json --placed plan.json --vm new-vm.json --goal balance`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], strict: true, options: {
      hosts: { type: 'string' }, vm: { type: 'string' }, placed: { type: 'string' }, vms: { type: 'string' }, policy: { type: 'string' }, goal: { type: 'string' }, json: { type: 'string' },
    } });
    if (!values.hosts || !values.vm) throw new UsageError('rate needs --hosts FILE and --vm FILE');
    const goal = goalOption(values.goal) ?? 'consolidate';
    const hosts = await loadHosts(values.hosts, io.cwd);
    const found = await loadVms(values.vm, io.cwd);
    if (found.length !== 1) throw new UsageError(`${values.vm}: expected exactly one VM, found ${found.length}`);
    const vm = found[0]!;
    const vms: Vm[] = values.vms ? await loadVms(values.vms, io.cwd) : [];
    const placed = values.placed ? await loadPlaced(values.placed, io.cwd, vms) : [];
    const given = new Set(placed.map((p) => p.vm.id));
    for (const p of placedFromVms(vms)) if (!given.has(p.vm.id) && p.vm.id !== vm.id) placed.push(p);
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};
    const ratings = rateHosts(hosts, vm, { policy, placed, goal });
    const best = ratings.find((r) => r.recommended);
    if (values.json) {
      await writeJson(values.json, { vm: vm.id, goal, recommended: best?.host ?? null, ratings }, io);
      if (values.json === '-') return EXIT.ok;
    }
    const fmt = (x: number) => (Number.isFinite(x) ? formatDecimal(x, 1) : 'unlimited');
    io.stdout.write(`Ratings of ${hosts.length} host${hosts.length === 1 ? '' : 's'} for ${vm.id} (goal ${goal}, ${placed.length} VMs running), best first\n`);
    io.stdout.write(best ? `Recommended: ${best.host} (${best.stars} stars)\n\n` : `No host can take ${vm.id}: every host has zero stars (reasons below)\n\n`);
    io.stdout.write(table(['host', 'stars', 'score', 'memory left MB', 'CPU left GHz', 'why'], ratings.map((r) => [
      r.host, r.stars.toFixed(1), r.score.toFixed(3), fmt(r.margins.memoryMB), fmt(r.margins.cpuGHz), r.explanation,
    ])));
    return EXIT.ok;
  },
};
