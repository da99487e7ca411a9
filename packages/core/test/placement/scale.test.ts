import { describe, expect, it } from 'vitest';
import { placeVms, type Host, type Vm } from '@hostplan/core';

const host = (id: string): Host => ({ id, sockets: 1, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 2, memoryGB: 16, platform: 'hyperv-2016' });

describe('placeVms at scale', () => {
  // 130,000 VMs: Math.max(0, ...demands) overflowed the call stack from about 125,000
  const vms: Vm[] = Array.from({ length: 130_000 }, (_, i) => ({ id: `vm${i}`, vcpus: 1 + (i % 2), memoryGB: 1 + (i % 2) }));
  const plan = placeVms([host('a'), host('b')], vms, { effort: 1000 });

  it('places 130,000 VMs on 2 hosts without overflowing the stack, every VM placed or unplaced once', () => {
    expect(plan.placements.length + plan.unplaced.length).toBe(130_000);
    expect(new Set([...plan.placements.map((p) => p.vm), ...plan.unplaced.map((u) => u.vm)]).size).toBe(130_000);
    expect(plan.placements.length).toBeGreaterThan(0);
  });

  it('gives unplaced VMs with the same demand one shared list of reasons, one per host, naming how many share it', () => {
    const lists = new Set(plan.unplaced.map((u) => u.reasons));
    expect(lists.size).toBe(2); // two demand shapes
    for (const reasons of lists) {
      expect(reasons.map((r) => r.host)).toEqual(['a', 'b']);
      expect(reasons[0]!.message).toMatch(/^host a: VM vm\d+ \(and [\d,]+ more VMs with the same demand\) needs/);
    }
  });
});
