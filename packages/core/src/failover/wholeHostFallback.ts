import type { Placement } from '../plan/types.js';
import type { Replacer, ReplaceRequest, ReplaceResult } from './types.js';
import { pushAll } from '../math/fold.js';

/** The VMs of one failed host, moved as a block. */
interface Block {
  readonly host: string;
  readonly vms: readonly string[];
}

function blocks(req: ReplaceRequest): Block[] {
  const moved = new Set(req.displaced);
  const byHost = new Map<string, string[]>();
  for (const p of req.from ?? []) if (moved.has(p.vm)) byHost.set(p.host, [...(byHost.get(p.host) ?? []), p.vm]);
  return [...byHost].map(([host, vms]) => ({ host, vms })).sort((a, b) => b.vms.length - a.vms.length || (a.host < b.host ? -1 : 1));
}

/**
 * Wraps a re-placement engine: when it leaves VMs unplaced and the request says where the
 * displaced VMs ran (`from`), tries again moving each failed host's VMs as a block onto one
 * survivor that holds them all (the seed's passive node, taken over whole), then the engine
 * for what is left; returns whichever leaves fewer VMs unplaced. Both answers are valid
 * re-placements, so the better one is a sound proof of tolerance. O(blocks x hosts x engine).
 *
 * @example
 * const replace = wholeHostFallback(bestFitReplace);
 * replace({ hosts, vms, pinned, displaced, from, policy }).unplaced // => []
 */
export function wholeHostFallback(engine: Replacer): Replacer {
  return (req: ReplaceRequest): ReplaceResult => {
    const first = engine(req);
    if (first.unplaced.length === 0 || !req.from?.length) return first;
    const pinned: Placement[] = [...req.pinned];
    const moved: Placement[] = [];
    const left = new Set(req.displaced);
    for (const block of blocks(req)) {
      for (const target of req.hosts) {
        if (target.unavailable) continue;
        // the target alone, with what already runs there
        const here = pinned.filter((p) => p.host === target.id);
        const ids = new Set([...here.map((p) => p.vm), ...block.vms]);
        const attempt = engine({ hosts: [target], vms: req.vms.filter((v) => ids.has(v.id)), pinned: here, displaced: block.vms, policy: req.policy });
        if (attempt.unplaced.length === 0) {
          pushAll(pinned, attempt.placements);
          pushAll(moved, attempt.placements);
          for (const id of block.vms) left.delete(id);
          break;
        }
      }
    }
    const rest = left.size ? engine({ ...req, pinned, displaced: req.displaced.filter((id) => left.has(id)) }) : { placements: [], unplaced: [] };
    const second = { placements: [...moved, ...rest.placements], unplaced: rest.unplaced };
    return second.unplaced.length < first.unplaced.length ? second : first;
  };
}
