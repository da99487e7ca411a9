import { asResolved } from '../capacity/hostCapacity.js';
import { invalid } from '../errors.js';
import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import type { Assumption, Placement } from '../plan/types.js';
import { Farm } from '../placement/farm.js';
import { layoutProblems } from '../layout/layoutProblems.js';
import { pruneTarget } from './pruneTarget.js';
import { sequenceMoves, type Pending } from './sequenceMoves.js';
import { DEFAULT_MAX_CONCURRENT_MIGRATIONS, type MovePlan, type PlanMovesOptions } from './types.js';

/**
 * The live migrations from the layout running today to a target layout, in waves where every
 * intermediate layout fits: a VM in flight counts on both its source and its destination, a
 * host takes part in at most `maxConcurrentPerHost` migrations per wave, anti-affinity and
 * platform rules hold at every step. Minimal in this sense: each VM whose host differs in the
 * (pruned) target moves exactly once, straight there, except where the order deadlocks (a cycle
 * of full hosts): then one temporary hop to a host with room breaks it, one extra move per
 * hop; a deadlock no hop can break is reported (`unreachable`, with the reason). With `prune`
 * (default), a target move is dropped when the end state still fits, uses no more hosts and
 * has no higher peak utilisation: the end state is then at least as good as the target.
 * O(waves x moving VMs x resources).
 *
 * @example
 * const r = planMoves(hosts, today, plan.placements);
 * r.moves[0] // => { vm: 'web-03', from: 'hv02', to: 'hv05', wave: 0, temporary: false, reason: 'target: ...' }
 */
export function planMoves(hosts: readonly Host[], current: readonly { readonly vm: Vm; readonly host: string }[], target: readonly Placement[], options: PlanMovesOptions = {}, reasonOf?: (vm: string, from: string, to: string) => string): MovePlan {
  const limit = options.maxConcurrentPerHost ?? DEFAULT_MAX_CONCURRENT_MIGRATIONS;
  if (!Number.isInteger(limit) || limit < 1) invalid('options.maxConcurrentPerHost', 'a whole number >= 1', limit);
  const policy = asResolved(options.policy);
  const byVm = new Map(current.map((p) => [p.vm.id, p]));
  const hostIds = new Set(hosts.map((h) => h.id));
  current.forEach((p, i) => hostIds.has(p.host) || invalid(`current[${i}].host`, 'the id of a host in hosts', p.host));
  const targetOf = new Map<string, string>();
  target.forEach((t, i) => {
    if (!byVm.has(t.vm)) invalid(`target[${i}].vm`, 'a VM running today (in current)', t.vm);
    if (!hostIds.has(t.host)) invalid(`target[${i}].host`, 'the id of a host in hosts', t.host);
    targetOf.set(t.vm, t.host);
  });
  const endLayout = current.map((p) => ({ vm: p.vm, host: targetOf.get(p.vm.id) ?? p.host }));
  const assumptions: Assumption[] = [
    { name: 'moves.maxConcurrentPerHost', value: limit, unit: 'migrations', source: options.maxConcurrentPerHost === undefined ? 'Hyper-V 2012 and later: 2 simultaneous live migrations per host by default (2008 R2: one per host pair)' : 'input', isDefault: options.maxConcurrentPerHost === undefined },
    { name: 'moves.prune', value: options.prune ?? true, source: options.prune === undefined ? 'hostplan default: drop target moves that do not pay (end state fits, no more hosts, no higher peak)' : 'input', isDefault: options.prune === undefined },
    { name: 'moves.inFlight', value: 'source and destination', source: 'a VM being migrated holds its resources on both hosts until the migration ends', isDefault: true },
  ];
  const targetProblems = layoutProblems(hosts, endLayout, options.policy);
  if (targetProblems.length > 0) {
    const unreachable = current.filter((p) => targetOf.has(p.vm.id) && targetOf.get(p.vm.id) !== p.host).map((p) => ({ vm: p.vm.id, from: p.host, to: targetOf.get(p.vm.id)!, reason: `the target itself does not fit: ${targetProblems[0]!.message}${targetProblems.length > 1 ? ` (and ${targetProblems.length - 1} more)` : ''}` }));
    return { moves: [], waves: 0, end: current.map((p) => ({ vm: p.vm.id, host: p.host })), reachable: false, unreachable, kept: [], assumptions };
  }
  const moving = current.filter((p) => targetOf.has(p.vm.id) && targetOf.get(p.vm.id) !== p.host).map((p) => ({ vm: p.vm, from: p.host, to: targetOf.get(p.vm.id)! }));
  let kept = new Set<string>();
  if (options.prune ?? true) {
    const end = new Farm(hosts, policy);
    for (const p of endLayout) end.place([p.vm], end.byId.get(p.host)!);
    kept = pruneTarget(end, moving);
  }
  const farm = new Farm(hosts, policy);
  for (const p of current) farm.place([p.vm], farm.byId.get(p.host)!);
  const endHosts = new Set(current.map((p) => (kept.has(p.vm.id) ? p.host : targetOf.get(p.vm.id) ?? p.host)));
  const why = (m: (typeof moving)[number]) => reasonOf?.(m.vm.id, m.from, m.to) ?? (endHosts.has(m.from) ? `the target runs ${m.vm.id} on ${m.to}` : `the target empties ${m.from}`);
  const pending: Pending[] = moving.filter((m) => !kept.has(m.vm.id)).map((m) => ({ ...m, at: m.from, hopped: false, why: why(m) }));
  const seq = sequenceMoves(farm, pending, limit);
  const where = new Map(current.map((p) => [p.vm.id, p.host]));
  for (const m of seq.moves) where.set(m.vm, m.to);
  return { moves: seq.moves, waves: seq.waves, end: [...where].map(([vm, host]) => ({ vm, host })), reachable: seq.unreachable.length === 0, unreachable: seq.unreachable, kept: [...kept].sort(), assumptions };
}
