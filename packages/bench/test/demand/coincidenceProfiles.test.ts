import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { placeVms, HostplanError, type Host } from '@hostplan/core';
import { coincidenceProfiles, measureDemand } from '@hostplan/bench';
import { constant, pdhKey, rows } from './hyperv.js';

const VP = 'Hyper-V Hypervisor Virtual Processor';
const vp = (vm: string, n: number, value: (m: number) => number | undefined) => ({ key: pdhKey('HV1', VP, `${vm}:Hv VP ${n}`, '% Guest Run Time'), value });
const mem = (vm: string, mb: number) => ({ key: pdhKey('HV1', 'Hyper-V Dynamic Memory VM', vm, 'Physical Memory'), value: constant(mb) });

/**
 * Two hours of 1-minute rows (24 five-minute buckets): day01 runs both VPs at 100 % for the
 * first hour and 5 % after; night01 the reverse; late01 starts after 90 minutes.
 */
const capture = rows([
  vp('day01', 0, (m) => (m < 60 ? 100 : 5)), vp('day01', 1, (m) => (m < 60 ? 100 : 5)), mem('day01', 2048),
  vp('night01', 0, (m) => (m < 60 ? 5 : 100)), vp('night01', 1, (m) => (m < 60 ? 5 : 100)), mem('night01', 2048),
  vp('late01', 0, (m) => (m >= 90 ? 50 : undefined)), mem('late01', 1024),
], 120);

/** 1 socket x 4 cores x 3 GHz = 12 GHz, 90 % after the reserve: 10.8 GHz. */
const small = (id: string): Host => ({ id, sockets: 1, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 });

describe('coincidenceProfiles(result, options)', () => {
  it('profiles CPU in GHz on one 5-minute grid, with the demand VMs\' ids (worked table)', async () => {
    const r = await measureDemand(capture, { clockGHz: 3 });
    const p = coincidenceProfiles(r);
    expect(p.bucketMs).toBe(300_000);
    expect(p.points).toBe(24); // 120 minutes / 5
    expect(p.coincidence.percentile).toBe(95);
    expect(Object.keys(p.coincidence.profiles).sort()).toEqual(r.vms.filter((v) => v.vm).map((v) => v.vm!.id).sort());
    const day = Array.from(p.coincidence.profiles.day01!.cpuGHz!);
    // (100 + 100) / 100 = 2 cores x 3 GHz = 6 GHz for 12 buckets, then (5 + 5) / 100 = 0.1 cores x 3 = 0.3 GHz
    day.forEach((x, i) => expect(x).toBeCloseTo(i < 12 ? 6 : 0.3, 9));
    Array.from(p.coincidence.profiles.night01!.cpuGHz!).forEach((x, i) => expect(x).toBeCloseTo(i < 12 ? 0.3 : 6, 9));
    // late01: 0.5 cores x 3 = 1.5 GHz in its last 6 buckets; the 18 before have no data and stay gaps (NaN),
    // which core counts as its peak in a host's sum without shifting the measured buckets
    Array.from(p.coincidence.profiles.late01!.cpuGHz!).forEach((x, i) => (i < 18 ? expect(x).toBeNaN() : expect(x).toBeCloseTo(1.5, 9)));
    expect(p.filled).toEqual({ late01: { cpuGHz: 18 } });
    expect(p.skipped).toEqual([]);
    // memory is not profiled by default
    expect(p.coincidence.profiles.day01!.memoryMB).toBeUndefined();
    expect(p.assumptions.find((a) => a.name === 'coincidence.resources')).toMatchObject({ value: ['cpuGHz', 'iops', 'networkMbps'], isDefault: true });
  });

  it('lets the day and night VMs share one host: 6 + 6 + 1.5 = 13.5 GHz > 10.8 without, 6.3 + 1.5 = 7.8 GHz with', async () => {
    const r = await measureDemand(capture, { clockGHz: 3 });
    const vms = r.vms.flatMap((v) => (v.vm ? [v.vm] : []));
    // day01 and night01: p95 2 cores = 6 GHz (raw minutes); together 2.1 cores = 6.3 GHz in every bucket;
    // late01: 0.5 cores = 1.5 GHz, flat (its gaps are filled with its peak)
    expect(vms.map((v) => [v.id, v.cpuDemandGHz])).toEqual([['day01', expect.closeTo(6, 9)], ['night01', expect.closeTo(6, 9)], ['late01', expect.closeTo(1.5, 9)]]);
    const hosts = [small('h1'), small('h2')];
    const off = placeVms(hosts, vms);
    const on = placeVms(hosts, vms, { coincidence: coincidenceProfiles(r).coincidence });
    expect(off.summary.hostsUsed).toBe(2);
    expect(on.summary.hostsUsed).toBe(1);
    expect(on.hosts.find((h) => h.id === 'h1')!.used.cpuGHz).toBeCloseTo(7.8, 9);
    expect(on.assumptions.find((a) => a.name === 'placement.coincidence.percentile')?.value).toBe(95);
  });

  it('says why no CPU profile is built when the log\'s host clock is unknown (no --hosts match, no --clock)', async () => {
    const r = await measureDemand(capture, { hosts: [small('not-hv1')] });
    const p = coincidenceProfiles(r);
    expect(Object.keys(p.coincidence.profiles)).toEqual([]);
    expect(p.points).toBe(0);
    expect(p.skipped.map((s) => [s.vm, s.resource])).toEqual(expect.arrayContaining([['day01', 'cpuGHz'], ['late01', 'cpuGHz'], ['night01', 'cpuGHz']]));
    expect(p.skipped.find((s) => s.vm === 'day01' && s.resource === 'cpuGHz')!.reason).toContain('clock of host HV1 is unknown');
  });

  it('profiles VMs whose host is spelled as --hosts names it (hv1) while the log says HV1', async () => {
    const r = await measureDemand(capture, { hosts: [small('hv1')] });
    const respelled = { ...r, vms: r.vms.map((v) => ({ ...v, host: 'hv1' })) };
    const p = coincidenceProfiles(respelled);
    expect(Object.keys(p.coincidence.profiles).sort()).toEqual(['day01', 'late01', 'night01']);
    expect(p.skipped).toEqual([]);
  });

  it('doubles the bucket length until the grid fits maxPoints (24 -> 12 -> 6 points); profiles memory when asked', async () => {
    const r = await measureDemand(capture, { clockGHz: 3 });
    const p = coincidenceProfiles(r, { maxPoints: 6, resources: ['cpuGHz', 'memoryMB'], percentile: 90 });
    expect(p.bucketMs).toBe(1_200_000);
    expect(p.points).toBe(6);
    // 20-minute means: day01 at 6 GHz for the first 3, 0.3 after
    Array.from(p.coincidence.profiles.day01!.cpuGHz!).forEach((x, i) => expect(x).toBeCloseTo(i < 3 ? 6 : 0.3, 9));
    expect(Array.from(p.coincidence.profiles.day01!.memoryMB!)).toEqual([2048, 2048, 2048, 2048, 2048, 2048]);
    expect(p.coincidence.percentile).toBe(90);
  });

  it('rejects a resource it cannot profile, naming the option', async () => {
    const r = await measureDemand(capture, { clockGHz: 3 });
    expect(() => coincidenceProfiles(r, { resources: ['vcpus' as 'cpuGHz'] })).toThrow(HostplanError);
    expect(() => coincidenceProfiles(r, { maxPoints: 0 })).toThrow(/maxPoints/);
  });

  it('the percentile of two VMs\' summed profiles equals the host\'s peakCoincidence percentileOfSum (x clock)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 30, maxLength: 30 }),
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 30, maxLength: 30 }),
      async (a, b) => {
        const src = rows([vp('a', 0, (m) => a[m]), mem('a', 1024), vp('b', 0, (m) => b[m]), mem('b', 1024)], 30);
        const r = await measureDemand(src, { clockGHz: 2 });
        const p = coincidenceProfiles(r, { percentile: 95 });
        const pa = p.coincidence.profiles.a!.cpuGHz!;
        const pb = p.coincidence.profiles.b!.cpuGHz!;
        const sum = Array.from(pa, (x, i) => x + pb[i]!).sort((x, y) => x - y);
        const host = r.hosts.find((h) => h.host === 'HV1')!;
        expect(quantileSorted(sum, 0.95)).toBeCloseTo(host.coincidence.cpuCores!.percentileOfSum! * 2, 9);
        expect(p.points).toBe(6);
      }), { numRuns: 15 });
  });
});
