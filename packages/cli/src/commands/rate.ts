import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseVm, rateHosts, type Vm } from '@hostplan/core';
import { loadHosts, loadPolicy, loadVms } from '@hostplan/bench';
import { parseJsonInput } from '../options.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';
import { goalOption } from './plan.js';

/** Reads `--placed`: a JSON array (or `{ "placed": [...] }`) of VMs, each with the `host` it runs on. */
async function loadPlaced(file: string, cwd: string): Promise<{ vm: Vm; host: string }[]> {
  const doc = parseJsonInput(await readFile(resolve(cwd, file), 'utf8'), file);
  const list = Array.isArray(doc) ? doc : (doc as { placed?: unknown })?.placed;
  if (!Array.isArray(list)) throw new UsageError(`${file}: expected an array of VMs with a "host" field, or { "placed": [...] }`);
  const first = new Map<string, number>();
  return list.map((item: unknown, i) => {
    const path = `${file}: placed[${i}]`;
    if (item === null || typeof item !== 'object' || typeof (item as { host?: unknown }).host !== 'string') throw new UsageError(`${path}.host: expected the id of the host the VM runs on`);
    const { host, ...rest } = item as { host: string };
    const vm = parseVm(rest, path);
    const at = first.get(vm.id);
    if (at !== undefined) throw new UsageError(`${path}.id: duplicate VM id ${JSON.stringify(vm.id)} (first at placed[${at}]); a VM runs on one host`);
    first.set(vm.id, i);
    return { vm, host };
  });
}

export const rate: Command = {
  name: 'rate',
  summary: 'rate every host for one VM: 0-5 stars, score parts, margins, reasons for zero',
  help: `Usage: hostplan rate --hosts FILE --vm FILE [--placed FILE] [--policy FILE] [--goal consolidate|balance] [--json OUT|-]

Rates every host for one VM like SCVMM's host ratings: 0 to 5 stars in half steps, the score
and each scorer's contribution, the margin left per resource, and for zero stars the reasons
and what would have to change ("needs 1,200 MB more memory").

Options:
  --hosts FILE    hosts as JSON or CSV
  --vm FILE       the VM to place (a VMs file holding exactly one VM)
  --placed FILE   VMs already running: a JSON array of VMs, each with "host": "<host id>"
  --policy FILE   policy JSON
  --goal G        consolidate (pack, default) or balance (spread)
  --json OUT|-    the ratings as JSON

Examples:
  hostplan rate --hosts data/hosts.json --vm new-vm.json
  hostplan rate --hosts data/hosts.json --vm new-vm.json --placed running.json --goal balance --json -`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], strict: true, options: {
      hosts: { type: 'string' }, vm: { type: 'string' }, placed: { type: 'string' }, policy: { type: 'string' }, goal: { type: 'string' }, json: { type: 'string' },
    } });
    if (!values.hosts || !values.vm) throw new UsageError('rate needs --hosts FILE and --vm FILE');
    const goal = goalOption(values.goal);
    const hosts = await loadHosts(values.hosts, io.cwd);
    const vms = await loadVms(values.vm, io.cwd);
    if (vms.length !== 1) throw new UsageError(`${values.vm}: expected exactly one VM, found ${vms.length}`);
    const vm = vms[0]!;
    const placed = values.placed ? await loadPlaced(values.placed, io.cwd) : [];
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};
    const ratings = rateHosts(hosts, vm, { policy, placed, ...(goal && { goal }) });
    if (values.json) {
      await writeJson(values.json, { vm: vm.id, goal: goal ?? 'consolidate', ratings }, io);
      if (values.json === '-') return EXIT.ok;
    }
    const fmt = (x: number) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: 1 }) : 'unlimited');
    io.stdout.write(`Ratings of ${hosts.length} host${hosts.length === 1 ? '' : 's'} for ${vm.id} (goal ${goal ?? 'consolidate'})\n\n`);
    io.stdout.write(table(['host', 'stars', 'score', 'memory left MB', 'CPU left GHz', 'why not'], ratings.map((r) => [
      r.host, r.stars.toFixed(1), r.score.toFixed(2), fmt(r.margins.memoryMB), fmt(r.margins.cpuGHz), r.changes.join('; '),
    ])));
    return EXIT.ok;
  },
};
