import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drainMoves, layoutProblems, placeVms, planMoves, type Host, type Move, type Vm } from '@hostplan/core';
import { host2008, vm } from '../fixtures.js';

const host = (id: string, extra: Partial<Host> = {}): Host => ({ ...host2008, id, ...extra });
type Layout = { vm: Vm; host: string }[];

/**
 * Replays the moves wave by wave: during a wave every VM in flight counts on its source and its
 * destination; checks that layout and the one after the wave, and the per-host concurrency.
 * Returns the end layout.
 */
function replay(hosts: readonly Host[], current: Layout, moves: readonly Move[], limit: number): Map<string, string> {
  const where = new Map(current.map((p) => [p.vm.id, p.host]));
  const vmById = new Map(current.map((p) => [p.vm.id, p.vm]));
  const layout = () => [...where].map(([id, h]) => ({ vm: vmById.get(id)!, host: h }));
  const waves = Math.max(0, ...moves.map((m) => m.wave + 1));
  for (let w = 0; w < waves; w++) {
    const wave = moves.filter((m) => m.wave === w);
    expect(wave.length).toBeGreaterThan(0);
    const busy = new Map<string, number>();
    for (const m of wave) {
      expect(where.get(m.vm)).toBe(m.from);
      busy.set(m.from, (busy.get(m.from) ?? 0) + 1).set(m.to, (busy.get(m.to) ?? 0) + 1);
    }
    for (const n of busy.values()) expect(n).toBeLessThanOrEqual(limit);
    const during = [...layout(), ...wave.map((m) => ({ vm: vmById.get(m.vm)!, host: m.to }))];
    expect(layoutProblems(hosts, during)).toEqual([]);
    for (const m of wave) where.set(m.vm, m.to);
    expect(layoutProblems(hosts, layout())).toEqual([]);
  }
  return where;
}

describe('planMoves(hosts, current, target, options): worked examples', () => {
  // host2008: 32,256 MB; a 20 GB VM costs 20,480 + 32 + 8 x 19 = 20,664 MB: one per host.
  const x = vm('x', 1, 20);
  const y = vm('y', 1, 20);
  const current: Layout = [{ vm: x, host: 'a' }, { vm: y, host: 'b' }];
  const swap = [{ vm: 'x', host: 'b' }, { vm: 'y', host: 'a' }];

  it('breaks a swap of two full hosts with one temporary hop to a host with room: 3 moves in 3 waves', () => {
    const hosts = [host('a'), host('b'), host('c')];
    const r = planMoves(hosts, current, swap, { prune: false });
    expect(r.moves.map((m) => [m.vm, m.from, m.to, m.wave, m.temporary])).toEqual([
      ['x', 'a', 'c', 0, true],
      ['y', 'b', 'a', 1, false],
      ['x', 'c', 'b', 2, false],
    ]);
    expect(r.moves[0]!.reason).toMatch(/^temporary: breaks a cycle of full hosts, making room on a for y/);
    expect(r.reachable).toBe(true);
    expect(replay(hosts, current, r.moves, 2)).toEqual(new Map([['x', 'b'], ['y', 'a']]));
  });

  it('reports the swap unreachable, with the shortfall, when no host has room for a hop', () => {
    const r = planMoves([host('a'), host('b')], current, swap, { prune: false });
    expect(r.moves).toEqual([]);
    expect(r.reachable).toBe(false);
    expect(r.unreachable.map((u) => u.vm)).toEqual(['x', 'y']);
    // b has 32,256 - 20,664 = 11,592 MB free: 9,072 MB short of x's 20,664
    expect(r.unreachable[0]!.reason).toMatch(/^not reachable: host b: VM x needs 9,072 MB more memory.*no other host has room for a temporary move/);
  });

  it('prune keeps a move that does not pay: x from a to an identical empty host c (same hosts used, same peak)', () => {
    const r = planMoves([host('a'), host('b'), host('c')], current, [{ vm: 'x', host: 'c' }]);
    expect(r.moves).toEqual([]);
    expect(r.kept).toEqual(['x']);
    // exact: one move, the target empties a
    const exact = planMoves([host('a'), host('b'), host('c')], current, [{ vm: 'x', host: 'c' }], { prune: false });
    expect(exact.moves.map((m) => [m.vm, m.from, m.to, m.reason])).toEqual([['x', 'a', 'c', 'the target empties a']]);
  });

  it('a target that does not fit is refused with its problem', () => {
    const r = planMoves([host('a'), host('b')], current, [{ vm: 'x', host: 'b' }]);
    expect(r.reachable).toBe(false);
    expect(r.unreachable[0]!.reason).toMatch(/^the target itself does not fit: host b: memory 41,328 MB used of 32,256 MB/);
  });
});

describe('drainMoves(hosts, current, host, options)', () => {
  it('moves every VM off the host, at most 2 at a time, each once', () => {
    // five 4 GB VMs (4,152 MB each) on a; b and c take them
    const vms = [1, 2, 3, 4, 5].map((i) => vm(`v${i}`, 1, 4));
    const hosts = [host('a'), host('b'), host('c')];
    const current = vms.map((v) => ({ vm: v, host: 'a' }));
    const r = drainMoves(hosts, current, 'a');
    expect(r.moves).toHaveLength(5);
    expect(r.waves).toBe(3); // a is the source of every move: ceil(5 / 2)
    expect(r.moves.every((m) => m.from === 'a' && !m.temporary && /^drain a: v\d to [bc]/.test(m.reason))).toBe(true);
    const end = replay(hosts, current, r.moves, 2);
    expect([...end.values()].includes('a')).toBe(false);
    expect(drainMoves(hosts, current, 'a', { maxConcurrentPerHost: 1 }).waves).toBe(5);
  });

  it('names a VM that fits on no other host', () => {
    const r = drainMoves([host('a'), host('b', { memoryGB: 8 })], [{ vm: vm('big', 1, 20), host: 'a' }], 'a');
    expect(r.reachable).toBe(false);
    expect(r.unreachable).toMatchObject([{ vm: 'big', from: 'a', to: null }]);
    expect(r.unreachable[0]!.reason).toMatch(/^fits on no other host: host b: VM big needs/);
  });
});

describe('planMoves and drainMoves: properties', () => {
  const farmArb = fc.record({
    memories: fc.array(fc.constantFrom(16, 24, 32), { minLength: 2, maxLength: 5 }),
    vms: fc.array(fc.record({ memoryGB: fc.integer({ min: 1, max: 12 }), vcpus: fc.constantFrom(1, 2), group: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }) }), { minLength: 1, maxLength: 14 }),
    currentGoal: fc.constantFrom('consolidate' as const, 'balance' as const),
    targetGoal: fc.constantFrom('consolidate' as const, 'balance' as const),
    rotate: fc.nat(),
    limit: fc.integer({ min: 1, max: 3 }),
  });
  /** Two fitting layouts of the same VMs from placeVms (host order rotated for the target). */
  const layouts = (f: { memories: number[]; vms: { memoryGB: number; vcpus: number; group?: string | undefined }[]; currentGoal: 'consolidate' | 'balance'; targetGoal: 'consolidate' | 'balance'; rotate: number }) => {
    const hosts = f.memories.map((m, i) => host(`h${i}`, { memoryGB: m }));
    const vms = f.vms.map((v, i) => vm(`v${String(i).padStart(2, '0')}`, v.vcpus, v.memoryGB, v.group ? { antiAffinity: [v.group] } : {}));
    const first = placeVms(hosts, vms, { goal: f.currentGoal });
    const placedVms = vms.filter((v) => first.placements.some((p) => p.vm === v.id));
    const current = first.placements.map((p) => ({ vm: placedVms.find((v) => v.id === p.vm)!, host: p.host }));
    // the target: the same VMs placed again with the hosts renamed in a rotated order, so VMs land elsewhere
    const k = f.rotate % hosts.length;
    const rename = new Map(hosts.map((h, i) => [`r${i}`, hosts[(i + k) % hosts.length]!.id]));
    const renamed = hosts.map((h, i) => ({ ...hosts[(i + k) % hosts.length]!, id: `r${i}` }));
    const second = placeVms(renamed, placedVms, { goal: f.targetGoal });
    const target = second.placements.map((p) => ({ vm: p.vm, host: rename.get(p.host)! }));
    return { hosts, current, target, complete: second.unplaced.length === 0 };
  };

  it('every intermediate layout fits; without pruning the end state is the target, each moving VM moves once plus at most one hop', () => {
    fc.assert(fc.property(farmArb, (f) => {
      const { hosts, current, target, complete } = layouts(f);
      fc.pre(complete);
      const r = planMoves(hosts, current, target, { prune: false, maxConcurrentPerHost: f.limit });
      const end = replay(hosts, current, r.moves, f.limit);
      const differs = target.filter((t) => current.find((c) => c.vm.id === t.vm)!.host !== t.host);
      for (const t of differs) {
        const own = r.moves.filter((m) => m.vm === t.vm);
        expect(own.filter((m) => !m.temporary).length).toBe(r.reachable ? 1 : own.filter((m) => !m.temporary).length);
        expect(own.filter((m) => m.temporary).length).toBeLessThanOrEqual(1);
      }
      expect(r.moves.every((m) => differs.some((t) => t.vm === m.vm))).toBe(true);
      if (r.reachable) expect(end).toEqual(new Map(target.map((t) => [t.vm, t.host])));
      else expect(r.unreachable.length).toBeGreaterThan(0);
    }), { numRuns: 150 });
  });

  it('with pruning the end state fits, uses no more hosts than the target, and no more moves than the unpruned plan when that one reaches the target', () => {
    fc.assert(fc.property(farmArb, (f) => {
      const { hosts, current, target, complete } = layouts(f);
      fc.pre(complete);
      const exact = planMoves(hosts, current, target, { prune: false, maxConcurrentPerHost: f.limit });
      const r = planMoves(hosts, current, target, { maxConcurrentPerHost: f.limit });
      const end = replay(hosts, current, r.moves, f.limit);
      if (!r.reachable) return;
      const used = (m: Map<string, string>) => new Set(m.values()).size;
      expect(used(end)).toBeLessThanOrEqual(new Set(target.map((t) => t.host)).size);
      // an unpruned plan that cannot reach the target stops part-way: its moves are no measure of what the target needs
      if (exact.reachable) expect(r.moves.filter((m) => !m.temporary).length).toBeLessThanOrEqual(exact.moves.filter((m) => !m.temporary).length);
      for (const id of r.kept) expect(end.get(id)).toBe(current.find((c) => c.vm.id === id)!.host);
    }), { numRuns: 100 });
  });

  it('drain: every intermediate layout fits, each VM of the host moves once, and when reachable the host ends empty', () => {
    fc.assert(fc.property(farmArb, (f) => {
      const { hosts, current } = layouts(f);
      const drained = hosts[f.rotate % hosts.length]!.id;
      const r = drainMoves(hosts, current, drained, { maxConcurrentPerHost: f.limit });
      const end = replay(hosts, current, r.moves, f.limit);
      const onIt = current.filter((c) => c.host === drained).map((c) => c.vm.id).sort();
      expect(r.moves.filter((m) => !m.temporary).map((m) => m.vm).sort()).toEqual(r.reachable ? onIt : r.moves.filter((m) => !m.temporary).map((m) => m.vm).sort());
      if (r.reachable) expect([...end.values()].includes(drained)).toBe(false);
      else expect(r.unreachable.length).toBeGreaterThan(0);
    }), { numRuns: 150 });
  });
});
