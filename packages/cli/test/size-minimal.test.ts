import { describe, expect, it } from 'vitest';
import { run } from './support/run.js';

const SIZE = ['size', '--catalog', 'data/catalog.json', '--vms', 'data/vms.csv', '--costs', 'data/costs.json'];

interface Option { name: string; hosts: number; hostsForLoad: number; spares: string; feasible: boolean; costPerMonth: number; failover: { verdict: string; coverage: { checked: number; total: number } } }

describe('hostplan size: the smallest farm whose failover is proven, cheapest first', () => {
  it('sample data, N+1: dl380-g7 needs 11 hosts for the load and 1 passive spare (12, not 13), proven on every failure set', async () => {
    const r = await run([...SIZE, '--failover', '1', '--json', '-']);
    const options = JSON.parse(r.out).options as Option[];
    const g7 = options.find((o) => o.name === 'dl380-g7')!;
    expect([g7.hostsForLoad, g7.hosts, g7.spares]).toEqual([11, 12, 'passive']);
    expect(g7.failover.verdict).toBe('met');
    expect(g7.failover.coverage).toEqual({ checked: 12, total: 12 });
  });

  it('the first option is the cheapest feasible one, and every feasible option has a proven failover', async () => {
    for (const k of ['1', '2']) {
      const options = JSON.parse((await run([...SIZE, '--failover', k, '--json', '-'])).out).options as Option[];
      const feasible = options.filter((o) => o.feasible);
      expect(options[0]).toBe(feasible[0]);
      for (const o of feasible) {
        expect(o.costPerMonth).toBeGreaterThanOrEqual(options[0]!.costPerMonth);
        expect(o.failover.verdict).toBe('met');
        expect(o.hosts - o.hostsForLoad).toBeLessThanOrEqual(Number(k));
      }
    }
  });
});
