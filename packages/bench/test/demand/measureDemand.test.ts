import { placeVms } from '@hostplan/core';
import { describe, expect, it } from 'vitest';
import { measureDemand } from '@hostplan/bench';
import { constant, pdhKey, rows, T0 } from './hyperv.js';

const VP = 'Hyper-V Hypervisor Virtual Processor';
const vp = (vm: string, n: number, value: (m: number) => number | undefined) => ({ key: pdhKey('HV1', VP, `${vm}:Hv VP ${n}`, '% Guest Run Time'), value });

/** One hour of 1-minute rows on HV1: host LP, two busy VMs, one idle VM started half-way. */
const capture = rows([
  { key: pdhKey('HV1', 'Hyper-V Hypervisor Logical Processor', '_Total', '% Total Run Time'), value: (m) => 20 + (m % 10) },
  vp('web01', 0, constant(50)),
  vp('web01', 1, constant(30)),
  { key: pdhKey('HV1', 'Hyper-V Dynamic Memory VM', 'web01', 'Physical Memory'), value: constant(4096) },
  { key: pdhKey('HV1', 'Hyper-V Virtual Storage Device', 'web01', 'Read Operations/Sec'), value: constant(120) },
  { key: pdhKey('HV1', 'Hyper-V Virtual Storage Device', 'web01', 'Write Operations/Sec'), value: constant(30) },
  { key: pdhKey('HV1', 'Hyper-V Virtual Network Adapter', 'web01_Network Adapter_{1}', 'Bytes/sec'), value: constant(1_250_000) },
  ...[0, 1, 2, 3].map((n) => vp('db01', n, constant(5))),
  { key: pdhKey('HV1', 'Hyper-V Dynamic Memory VM', 'db01', 'Physical Memory'), value: constant(8192) },
  vp('idle01', 0, (m) => (m >= 30 ? 0.5 : undefined)),
  { key: pdhKey('HV1', 'Memory', null, 'Available MBytes'), value: (m) => (m === 40 ? 1500 : 30_000) },
], 60);

describe('measureDemand(source, options)', () => {
  it('sizes each VM at p95 x comfort, with GHz at the host clock (worked table)', async () => {
    const r = await measureDemand(capture, { comfortFactor: 1.3, clockGHz: 3, inventory: [{ id: 'db01', vcpus: 4, memoryGB: 16, guestOS: 'Windows Server 2008' }] });
    const web = r.vms.find((v) => v.id === 'web01')!;
    // CPU: (50 + 30) / 100 = 0.8 cores at every minute -> p95 0.8; x 1.3 = 1.04 cores; x 3 GHz = 3.12 GHz; / 2 vCPUs = 0.52
    expect(web.vcpus).toBe(2);
    expect(web.demand.cpuCores).toBeCloseTo(1.04, 12);
    expect(web.demand.cpuGHz).toBeCloseTo(3.12, 12);
    expect(web.demand.cpuUtilization).toBeCloseTo(0.52, 12);
    // memory 4,096 MB x 1.3 = 5,324.8 MB = 5.2 GB; IOPS (120 + 30) x 1.3 = 195; network 1.25e6 B/s x 8 / 1e6 = 10 Mbps x 1.3 = 13
    expect(web.demand.memoryMB).toBeCloseTo(5324.8, 9);
    expect(web.demand.iops).toBeCloseTo(195, 9);
    expect(web.demand.networkMbps).toBeCloseTo(13, 9);
    expect(web.vm).toMatchObject({ id: 'web01', vcpus: 2, memoryGB: expect.closeTo(5.2, 9), cpuDemandGHz: expect.closeTo(3.12, 9), iops: expect.closeTo(195, 9) });
    expect(web.confidence).toMatchObject({ percent: 100, stars: 5, present: 60, expected: 60 });
    expect(web.idle.idle).toBe(false);
  });

  it('flags the idle VM (0.5 % of one VP = 0.005 cores < 0.01) and its partial capture (30 of 60 samples = 50 %, 3 stars)', async () => {
    const r = await measureDemand(capture, { clockGHz: 3 });
    const idle = r.vms.find((v) => v.id === 'idle01')!;
    expect(idle.idle.idle).toBe(true);
    expect(idle.measured.cpuCores!.atPercentile).toBeCloseTo(0.005, 12);
    expect(idle.confidence).toMatchObject({ percent: 50, stars: 3, present: 30, expected: 60 });
    // memory unknown: no Dynamic Memory counter and no inventory -> no Vm, with the reason
    expect(idle.vm).toBeNull();
    expect(idle.reasons.join(' ')).toMatch(/memory unknown/);
  });

  it('flags db01 as oversized: 4 x 5 % = 0.2 cores -> 1 vCPU suggested; 16 GB allocated vs 8 GB measured', async () => {
    const r = await measureDemand(capture, { clockGHz: 3, inventory: [{ id: 'db01', vcpus: 4, memoryGB: 16, guestOS: 'Windows Server 2008' }] });
    const db = r.vms.find((v) => v.id === 'db01')!;
    expect(db.oversized).toMatchObject({ oversized: true, cpu: { allocatedVcpus: 4, suggestedVcpus: 1 }, memory: { allocatedGB: 16, suggestedGB: 8 } });
    // the inventory's guest OS is kept; the measured memory (8 GB) is the demand
    expect(db.vm).toMatchObject({ id: 'db01', vcpus: 4, memoryGB: 8, guestOS: 'Windows Server 2008' });
  });

  it('without a clock gives CPU as cpuUtilization and says why', async () => {
    const r = await measureDemand(capture);
    const web = r.vms.find((v) => v.id === 'web01')!;
    expect(web.demand.cpuGHz).toBeNull();
    expect(web.vm).toMatchObject({ cpuUtilization: expect.closeTo(0.4, 12) }); // 0.8 cores / 2 vCPUs
    expect(web.vm).not.toHaveProperty('cpuDemandGHz');
    expect(web.reasons.join(' ')).toMatch(/clock unknown/);
  });

  it('measures the host: p95 LP run time, sustained peak, alert on available memory under 2 GB', async () => {
    const r = await measureDemand(capture, { clockGHz: 3 });
    const h = r.hosts.find((x) => x.host === 'HV1')!;
    // LP: 20..29 repeating; p95 of 60 values (6 of each): h = 59 x 0.95 = 56.05 -> sorted[56] = 29, sorted[57] = 29 -> 29
    expect(h.cpuPercent!.atPercentile).toBe(29);
    // 5-minute window of 20..29: best window ends at a 9 -> 25..29 mean 27 (samples 25,26,27,28,29)
    expect(h.cpuPercent!.sustainedPeak).toBe(27);
    expect(h.vms).toEqual(['web01', 'db01', 'idle01']);
    expect(r.stats.alerts.map((a) => a.rule)).toEqual(['host-available-memory']);
  });

  it('produces VMs that core placeVms accepts', async () => {
    const r = await measureDemand(capture, { clockGHz: 3 });
    const vms = r.vms.flatMap((v) => (v.vm ? [v.vm] : []));
    const plan = placeVms([{ id: 'h1', sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 64 }], vms);
    expect(plan.placements.map((p) => p.vm).sort()).toEqual(['db01', 'web01']);
  });

  it('lists the demand and statistics defaults in assumptions', async () => {
    const r = await measureDemand(capture, { comfortFactor: 1.3 });
    expect(r.assumptions.find((a) => a.name === 'demand.comfortFactor')).toMatchObject({ value: 1.3, isDefault: false });
    expect(r.assumptions.find((a) => a.name === 'demand.percentile')).toMatchObject({ value: 95, isDefault: true });
    expect(r.assumptions.find((a) => a.name === 'stats.windowMs')).toBeDefined();
  });

  it('keeps its time base: derived series start with the raw ones', async () => {
    const r = await measureDemand(capture);
    expect(r.stats.series.find((s) => s.path === 'HV1/web01/vm.cpuCores')!.firstMs).toBe(T0);
  });
});

describe('measureHosts network warning', () => {
  it('warns when the NIC sustained peak reaches 90 % of Current Bandwidth (950 of 1,000 Mbps = 95 %)', async () => {
    const nic = rows([
      { key: pdhKey('HV2', 'Network Interface', 'Broadcom', 'Bytes Total/sec'), value: constant(118_750_000) }, // x 8 / 1e6 = 950 Mbps
      { key: pdhKey('HV2', 'Network Interface', 'Broadcom', 'Current Bandwidth'), value: constant(1e9) }, // 1,000 Mbps
    ], 10);
    const h = (await measureDemand(nic)).hosts[0]!;
    expect(h.networkUtilization).toBeCloseTo(0.95, 12);
    expect(h.warnings).toEqual([expect.stringMatching(/950 Mbps is 95 % of the 1000 Mbps/)]);
  });
});

describe('measureDemand options', () => {
  it('useRollup (--rollup) sizes on the peak per 10-minute window (Azure Migrate), which differs from raw samples for rare bursts', async () => {
    // two VPs at 5 % each (0.1 cores) except bursts where both run at 100 % (2 cores)
    const burst = (m: number) => (m % 10 === 0 ? 100 : 5);
    const src = rows([vp('app', 0, burst), vp('app', 1, burst)], 120);
    const raw = (await measureDemand(src)).vms[0]!;
    const rolled = (await measureDemand(src, { useRollup: true })).vms[0]!;
    // bursts every 10 minutes: 12 of 120 samples at 2 cores; raw p95 h = 119 x 0.95 = 113.05 -> sorted[113] and [114]
    // are among the top 12 (indices 108..119) -> 2; roll-up: every window peaks at 2 -> 2. Both agree here; with bursts every 30 minutes they differ:
    expect(rolled.demand.cpuCores).toBe(2);
    expect(raw.demand.cpuCores).toBe(2);
    const sparse = rows([vp('app', 0, (m) => (m % 30 === 0 ? 100 : 5)), vp('app', 1, (m) => (m % 30 === 0 ? 100 : 5))], 120);
    // raw: 4 of 120 samples at 2 cores: p95 h = 113.05 falls among the 0.1s -> 0.1 cores
    expect((await measureDemand(sparse)).vms[0]!.demand.cpuCores).toBeCloseTo(0.1, 12);
    // roll-up: 12 windows, 4 with a burst (peak 2), 8 without (peak 0.1): p95 h = 11 x 0.95 = 10.45 -> 2
    expect((await measureDemand(sparse, { useRollup: true })).vms[0]!.demand.cpuCores).toBe(2);
    expect((await measureDemand(sparse, { useRollup: true })).assumptions.find((a) => a.name === 'stats.rollupMs')).toMatchObject({ value: 600_000 });
  });

  it('projects growth from daily peaks: host LP peaks 50, 52, 54 % on three days cross 80 % (target 0.8) 15 days after the first', async () => {
    const day = 86_400_000;
    const midnight = Math.floor(T0 / day) * day;
    const src = (sink: Parameters<Parameters<typeof measureDemand>[0]>[0]) => {
      sink.series(0, pdhKey('HV1', 'Hyper-V Hypervisor Logical Processor', '_Total', '% Total Run Time'));
      [50, 52, 54].forEach((peak, d) => {
        for (let h = 0; h < 24; h++) sink.sample(0, midnight + d * day + h * 3_600_000, h === 12 ? peak : 20);
      });
    };
    const h = (await measureDemand(src, { targetUtilization: 0.8 })).hosts[0]!;
    expect(h.growth!.slopePerDay).toBeCloseTo(2, 12);
    // hourly samples from midnight UTC: one peak per UTC day; (80 - 50) / 2 = 15 days after day 0
    expect((h.growth!.crossesAtMs! - midnight) / day).toBeCloseTo(15, 9);
  });

  it('never advises a vCPU cut that the VM\'s own CPU trend outgrows within the growth horizon, and says the trend set the size', async () => {
    const day = 86_400_000;
    const midnight = Math.floor(T0 / day) * day;
    // app: 4 vCPUs; hourly VP samples at 20 % of each VP (0.8 cores) with a daily peak rising 0.05 cores a day
    const src = (sink: Parameters<Parameters<typeof measureDemand>[0]>[0]) => {
      for (let n = 0; n < 4; n++) sink.series(n, pdhKey('HV1', VP, `app:Hv VP ${n}`, '% Guest Run Time'));
      for (let d = 0; d < 7; d++) {
        for (let h = 0; h < 24; h++) for (let n = 0; n < 4; n++) sink.sample(n, midnight + d * day + h * 3_600_000, h === 12 ? 25 + 1.25 * d : 20);
      }
    };
    const inventory = [{ id: 'app', vcpus: 4, memoryGB: 4 }];
    // measured now: p95 of 0.8 cores (the peaks are 7 of 168 samples, under 5 %): 1 vCPU would do, 4 is oversized
    const flat = (await measureDemand(src, { inventory, growthHorizonDays: 0 })).vms[0]!;
    expect(flat.demand.cpuCores).toBeCloseTo(0.8, 12);
    expect(flat.oversized).toMatchObject({ oversized: true, cpu: { allocatedVcpus: 4, suggestedVcpus: 1 } });
    // peaks rise 4 x 1.25 % = 0.05 cores a day: 90 days add 4.5 cores -> 0.8 + 4.5 = 5.3 cores -> 6 vCPUs, no cut
    const r = await measureDemand(src, { inventory });
    const app = r.vms[0]!;
    expect(app.growth!.slopePerDay).toBeCloseTo(0.05, 9);
    expect(app.oversized.oversized).toBe(false);
    expect(app.oversized.cpu).toEqual({ allocatedVcpus: 4, suggestedVcpus: 6 });
    expect(app.oversized.reason).toMatch(/0\.8 cores measured now \+ 4\.5 cores of CPU growth trend over the 90-day horizon: the trend sets the size/);
    expect(r.assumptions.find((a) => a.name === 'demand.growthHorizonDays')).toMatchObject({ value: 90, isDefault: true });
  });
});
