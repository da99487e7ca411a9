import { invalid } from '../errors.js';
import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import { placeVms } from '../placement/placeVms.js';
import { planMoves } from './planMoves.js';
import type { DrainMovesOptions, MovePlan } from './types.js';

/**
 * The live migrations that empty one host for maintenance (SCVMM's and ProxLB's maintenance
 * mode): its VMs are placed on the other hosts with everything else where it runs (`goal`,
 * default balance), then ordered by {@link planMoves} (never pruned: every VM leaves), each
 * wave fitting, at most `maxConcurrentPerHost` migrations per host at once. One move per VM on
 * the host, the fewest possible; a VM that fits nowhere else is `unreachable` with the reason
 * on every host. O(placeVms of the host's VMs + planMoves).
 *
 * @example
 * const r = drainMoves(hosts, today, 'hv07');
 * r.moves.every((m) => m.from === 'hv07') // => true
 */
export function drainMoves(hosts: readonly Host[], current: readonly { readonly vm: Vm; readonly host: string }[], host: string, options: DrainMovesOptions = {}): MovePlan {
  if (!hosts.some((h) => h.id === host)) invalid('host', 'the id of a host in hosts', host);
  const goal = options.goal ?? 'balance';
  const others = hosts.map((h) => (h.id === host ? { ...h, unavailable: true } : h));
  const pinned = current.filter((p) => p.host !== host).map((p) => ({ vm: p.vm.id, host: p.host }));
  const plan = placeVms(others, current.map((p) => p.vm), { ...(options.policy && { policy: options.policy }), goal, pinned, effort: 0 });
  const leaving = new Set(current.filter((p) => p.host === host).map((p) => p.vm.id));
  const target = plan.placements.filter((p) => leaving.has(p.vm));
  const result = planMoves(hosts, current, target, { ...options, prune: false }, (vm, _from, to) => `drain ${host}: ${vm} to ${to} (placement under ${goal}, everything else where it runs)`);
  const fitsNowhere = plan.unplaced.map((u) => ({ vm: u.vm, from: host, to: null, reason: `fits on no other host: ${u.reasons.filter((r) => r.host !== host).map((r) => r.message).slice(0, 3).join('; ')}${u.reasons.length > 4 ? ' ...' : ''}` }));
  return {
    ...result,
    reachable: result.reachable && fitsNowhere.length === 0,
    unreachable: [...result.unreachable, ...fitsNowhere],
    assumptions: [...result.assumptions, { name: 'moves.drain.goal', value: goal, source: options.goal === undefined ? 'hostplan default: spread the drained VMs (maintenance mode)' : 'input', isDefault: options.goal === undefined }],
  };
}
