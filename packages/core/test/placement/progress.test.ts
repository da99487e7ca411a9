import { describe, expect, it } from 'vitest';
import { checkFailover, placeVms, type Host, type Vm } from '@hostplan/core';

const hosts: Host[] = Array.from({ length: 5 }, (_, i) => ({ id: `h${i}`, sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 }));
const vms: Vm[] = Array.from({ length: 30 }, (_, i) => ({ id: `v${String(i).padStart(2, '0')}`, vcpus: 1, memoryGB: 2 + (i % 3) }));

describe('onProgress callbacks (core calls the caller; no I/O)', () => {
  it('placeVms reports constructions up to done === total, never going back', () => {
    const calls: [number, number][] = [];
    const plan = placeVms(hosts, vms, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
    // and it does not change the plan
    expect(placeVms(hosts, vms)).toEqual(plan);
  });

  it('checkFailover reports each failure set: C(5, 2) = 10 sets, 1..10 of 10', () => {
    const plan = placeVms(hosts, vms);
    const calls: [number, number][] = [];
    const r = checkFailover(hosts, plan, { vms, k: 2, onProgress: (d, t) => calls.push([d, t]) });
    expect(r.scenarios).toHaveLength(calls.length);
    expect(calls).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 10]));
  });
});

describe('sizeFarm onProgress', () => {
  it('reports each host model sized: 1..n of n', async () => {
    const { sizeFarm } = await import('@hostplan/core');
    const entry = (id: string, memoryGB: number) => ({ host: { id, sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB }, purchasePrice: 5000, powerWatts: 300, rackUnits: 1 });
    const calls: [number, number][] = [];
    sizeFarm([entry('a', 32), entry('b', 64)], vms, { onProgress: (d, t) => calls.push([d, t]), mixed: false });
    expect(calls).toEqual([[1, 2], [2, 2]]);
  });
});
