import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measuredExposure, placeVms, type Host, type VmProfile } from '@hostplan/core';
import { host2008, vm } from '../fixtures.js';

const host = (id: string, extra: Partial<Host> = {}): Host => ({ ...host2008, id, ...extra });

describe('measuredExposure(hosts, vms, plan, { profiles })', () => {
  it('works a table: share of measured buckets over the limit and the worst overshoot', () => {
    // 1 core x 2 GHz: 1.8 GHz after the reserve. a: 20 buckets, 19 at 0.8 and one at 2.0; p95 of a = 0.8 + 0.05 x 1.2 = 0.86.
    // demand 0.86 (no shift). b: unprofiled, 0.9 at every instant. Sum: 1.7 at 19 buckets, 2.9 at one.
    // Over 1.8 at 1 of 20 buckets = 5 %; worst (2.9 - 1.8) / 1.8 = 61.1 %.
    const h = host('h1', { sockets: 1, coresPerSocket: 1, clockGHz: 2 });
    const a = [...new Array(19).fill(0.8), 2.0];
    const vms = [vm('a', 1, 1, { cpuDemandGHz: 0.86 }), vm('b', 1, 1, { cpuDemandGHz: 0.9 })];
    const plan = placeVms([h], vms);
    expect(plan.placements).toHaveLength(2);
    const [e] = measuredExposure([h], vms, plan, { profiles: { a: { cpuGHz: a } } });
    expect(e!.host).toBe('h1');
    const cpu = e!.resources[0]!;
    expect(cpu).toMatchObject({ resource: 'cpuGHz', points: 20, overShare: 0.05 });
    expect(cpu.limit).toBeCloseTo(1.8, 12);
    expect(cpu.peak).toBeCloseTo(2.9, 9);
    expect(cpu.worstOvershoot).toBeCloseTo(1.1 / 1.8, 9);
  });

  it('counts only buckets where every profiled VM on the host was measured', () => {
    const h = host('h1', { sockets: 1, coresPerSocket: 1, clockGHz: 2 });
    const vms = [vm('a', 1, 1, { cpuDemandGHz: 0.5 }), vm('b', 1, 1, { cpuDemandGHz: 0.5 })];
    const plan = placeVms([h], vms);
    const profiles = { a: { cpuGHz: [0.5, 0.5, Number.NaN, 0.5] }, b: { cpuGHz: [Number.NaN, 0.5, 0.5, 0.5] } };
    expect(measuredExposure([h], vms, plan, { profiles })[0]!.resources[0]).toMatchObject({ points: 2, overShare: 0, worstOvershoot: 0 });
    const none = { a: { cpuGHz: [0.5, Number.NaN] }, b: { cpuGHz: [Number.NaN, 0.5] } };
    expect(measuredExposure([h], vms, plan, { profiles: none })[0]!.resources[0]).toMatchObject({ points: 0, overShare: null, worstOvershoot: null });
  });

  it('a coincident plan without gaps is over its limit in at most (1 - percentile) of the buckets, plus one bucket', () => {
    const POINTS = 20;
    const profileArb = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: POINTS, maxLength: POINTS });
    const vmsArb = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 10 })
      .map((qs) => qs.map((quarterGHz, i) => vm(`v${i}`, 4, 1, { cpuDemandGHz: quarterGHz / 4 })));
    fc.assert(fc.property(vmsArb, fc.array(profileArb, { minLength: 10, maxLength: 10 }), fc.constantFrom(50, 90, 95), (vms, series, percentile) => {
      const hosts = [host('h1'), host('h2'), host('h3')];
      const profiles: Record<string, VmProfile> = Object.fromEntries(vms.map((v, i) => [v.id, { cpuGHz: series[i]! }]));
      const plan = placeVms(hosts, vms, { coincidence: { profiles, percentile } });
      for (const e of measuredExposure(hosts, vms, plan, { profiles, percentile })) {
        const cpu = e.resources.find((r) => r.resource === 'cpuGHz')!;
        expect(cpu.points).toBe(POINTS);
        expect(cpu.overShare!).toBeLessThanOrEqual(1 - percentile / 100 + 1 / POINTS + 1e-12);
      }
    }), { numRuns: 60 });
  });
});
