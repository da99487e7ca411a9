import { parseArgs } from 'node:util';
import { DEFAULT_MAX_CONCURRENT_MIGRATIONS, drainMoves, parseJsonText, planMoves, type MovePlan, type Placement, type PlacementGoal } from '@hostplan/core';
import { loadHosts, loadPolicy } from '@hostplan/bench';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { numberOption } from '../options.js';
import { writeJson } from '../output.js';
import { loadLayout } from '../placedInput.js';
import { table } from '../table.js';
import { goalOption } from './plan.js';

/** Reads `--target`: a plan's JSON output (`placements`) or an array of `{ vm, host }`. */
async function loadTarget(file: string, cwd: string): Promise<Placement[]> {
  const doc = parseJsonText(await readFile(resolve(cwd, file), 'utf8'), file) as { placements?: unknown } | unknown[];
  const list = Array.isArray(doc) ? doc : (doc as { placements?: unknown })?.placements;
  if (!Array.isArray(list)) throw new UsageError(`${file}: expected a plan's JSON output ("placements") or an array of { "vm": id, "host": id }`);
  return list.map((p: unknown, i) => {
    const o = p as { vm?: unknown; host?: unknown } | null;
    if (typeof o?.vm !== 'string' || typeof o.host !== 'string') throw new UsageError(`${file}: placements[${i}]: expected { "vm": id, "host": id }`);
    return { vm: o.vm, host: o.host };
  });
}

export const moves: Command = {
  name: 'moves',
  summary: 'live migrations from today\'s layout to a target plan, or to drain a host, every step fitting',
  help: `Usage: hostplan moves --hosts FILE --current FILE [--vms FILE] (--target PLAN | --drain HOST)
                      [--max-concurrent N] [--exact] [--goal consolidate|balance] [--policy FILE] [--json OUT|-]

A dry run: the live migrations that take the farm from the layout running today to a target
plan (--target, e.g. the JSON of hostplan plan), or that empty a host for maintenance (--drain),
in waves. Every intermediate layout fits: a VM in flight holds its resources on its source and
its destination, a host takes part in at most N migrations at once, anti-affinity and platform
rules hold at every step. Each VM moves at most once, straight to its destination, unless the
order deadlocks (a cycle of full hosts): then one temporary hop to a host with room, listed as
such; a deadlock nothing can break is reported as not reachable, with the reason. Without
--exact, a target move that does not pay is dropped (the end state still fits, uses no more
hosts and has no higher peak utilisation). Each move says why.
Exit code 1 when some VM cannot reach its destination.

Options:
  --hosts FILE          hosts as JSON or CSV
  --current FILE        today's layout: VMs with a "host" field (hostplan import), or a plan's JSON with --vms
  --vms FILE            the VMs a placements file refers to
  --target PLAN         the layout to reach: a plan's JSON output ("placements") or [{ "vm", "host" }]
  --drain HOST          empty HOST (maintenance): its VMs placed on the others, nothing else moves
  --goal G              with --drain: how its VMs are spread (default balance)
  --max-concurrent N    live migrations per host at once (default ${DEFAULT_MAX_CONCURRENT_MIGRATIONS}: Hyper-V 2012 and later; 1 for 2008 R2)
  --exact               reach the target exactly (no pruning)
  --policy FILE         policy JSON
  --json OUT|-          the moves, waves, end layout, unreachable VMs and assumptions as JSON

Examples:
  hostplan import data/rvtools-vinfo.csv --json estate.json
  hostplan moves --hosts data/hosts.json --current estate.json --drain hv07
  hostplan plan --hosts data/hosts.json --vms estate.json --json target.json
  hostplan moves --hosts data/hosts.json --current estate.json --target target.json --max-concurrent 1`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], strict: true, options: {
      hosts: { type: 'string' }, current: { type: 'string' }, vms: { type: 'string' }, target: { type: 'string' }, drain: { type: 'string' },
      goal: { type: 'string' }, 'max-concurrent': { type: 'string' }, exact: { type: 'boolean' }, policy: { type: 'string' }, json: { type: 'string' },
    } });
    if (!values.hosts || !values.current) throw new UsageError('moves needs --hosts FILE and --current FILE');
    if ((values.target === undefined) === (values.drain === undefined)) throw new UsageError('moves needs exactly one of --target PLAN and --drain HOST');
    const maxConcurrentPerHost = numberOption(values['max-concurrent'], 'max-concurrent', (n) => Number.isInteger(n) && n >= 1, 'a whole number >= 1');
    const goal: PlacementGoal | undefined = goalOption(values.goal);
    if (goal && !values.drain) throw new UsageError('--goal applies to --drain only');
    const hosts = await loadHosts(values.hosts, io.cwd);
    const policy = values.policy ? await loadPolicy(values.policy, io.cwd) : {};
    const { placed } = await loadLayout(values.current, io.cwd, values.vms);
    if (placed.length === 0) throw new UsageError(`${values.current}: no VM has a host: expected VMs with a "host" field (hostplan import) or a plan's placements`);
    const options = { policy, ...(maxConcurrentPerHost !== undefined && { maxConcurrentPerHost }) };
    const r: MovePlan = values.drain
      ? drainMoves(hosts, placed, values.drain, { ...options, ...(goal && { goal }) })
      : planMoves(hosts, placed, await loadTarget(values.target!, io.cwd), { ...options, ...(values.exact && { prune: false }) });
    const code = r.reachable ? EXIT.ok : EXIT.incomplete;
    if (values.json) {
      await writeJson(values.json, r, io);
      if (values.json === '-') return code;
    }
    const temporary = r.moves.filter((m) => m.temporary).length;
    io.stdout.write(`${values.drain ? `Drain ${values.drain}` : `To ${values.target}`}: ${r.moves.length} live migration${r.moves.length === 1 ? '' : 's'} in ${r.waves} wave${r.waves === 1 ? '' : 's'}${temporary ? ` (${temporary} temporary)` : ''}, every step fitting; ${r.reachable ? 'reachable' : `NOT reachable for ${r.unreachable.length} VM${r.unreachable.length === 1 ? '' : 's'}`}.\n`);
    if (r.kept.length) io.stdout.write(`Kept where they run (the move would not pay): ${r.kept.join(', ')}\n`);
    if (r.moves.length) io.stdout.write(`\n${table(['wave', 'VM', 'from', 'to', 'why'], r.moves.map((m) => [String(m.wave + 1), m.vm, m.from, m.to, m.reason]))}`);
    for (const u of r.unreachable) io.stdout.write(`\n  ${u.vm} (on ${u.from}${u.to ? `, to ${u.to}` : ''}): ${u.reason}`);
    if (r.unreachable.length) io.stdout.write('\n');
    io.stdout.write(`\nAssumptions:\n${r.assumptions.map((a) => `  ${a.name} = ${String(a.value)}: ${a.source}`).join('\n')}\n`);
    return code;
  },
};
