import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { writePdhCsv } from '@hostplan/bench';
import { main } from '../src/main.js';
import { threadPlan } from '../src/threads.js';
import { json, matrix, startStub } from '../../bench/test/prometheus/support/stubServer.js';

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, isTTY: false };
  return main(args, io).then((code) => ({ code, stdout, stderr }));
}

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 4, 8);

/** A folder with hv01.csv: one hour of 1-minute Hyper-V counters (host LP, web01 with 2 VPs and 4 GB). */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostplan-cli-bench-'));
  const paths = [
    '\\\\HV01\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time',
    '\\\\HV01\\Hyper-V Hypervisor Virtual Processor(web01:Hv VP 0)\\% Guest Run Time',
    '\\\\HV01\\Hyper-V Hypervisor Virtual Processor(web01:Hv VP 1)\\% Guest Run Time',
    '\\\\HV01\\Hyper-V Dynamic Memory VM(web01)\\Physical Memory',
    '\\\\HV01\\Memory\\Available MBytes',
  ];
  // LP 20..29 repeating; VPs 50 and 30 (0.8 cores); 4,096 MB; first row blank for the rate counters
  const rows = Array.from({ length: 60 }, (_, m) => ({ timestampMs: T0 + m * MIN, values: m === 0 ? [NaN, NaN, NaN, 4096, 30_000] : [20 + (m % 10), 50, 30, 4096, 30_000] }));
  writeFileSync(join(dir, 'hv01.csv'), writePdhCsv(rows, { paths, zoneName: 'W. Europe Standard Time', biasMinutes: -60 }));
  writeFileSync(join(dir, 'vms.json'), JSON.stringify({ vms: [{ id: 'web01', vcpus: 2, memoryGB: 16 }] }));
  writeFileSync(join(dir, 'bad-map.json'), JSON.stringify({ rules: [{ object: 'X', counter: 'Y', resource: 'vm.gpu' }] }));
  return dir;
}

describe('hostplan bench', () => {
  it('writes per-series statistics, VM demand, hosts, alerts, issues and assumptions as JSON', async () => {
    const dir = workspace();
    const r = await run(['bench', 'hv01.csv', '--clock', '3', '--comfort', '1.3', '--window', '5m', '--json', 'out.json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(out.series).toHaveLength(5);
    const lp = out.series[0];
    expect(Object.keys(lp).slice(0, 16)).toEqual(['host', 'object', 'instance', 'counter', 'path', 'count', 'missing', 'min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p95', 'p99', 'sustainedPeak']);
    // 59 values 21..29,20,21..: p95 by simple-statistics on the same values; one blank first row
    const values = Array.from({ length: 59 }, (_, i) => 20 + ((i + 1) % 10)).sort((a, b) => a - b);
    expect(lp).toMatchObject({ host: 'HV01', instance: '_Total', count: 59, missing: 1, min: 20, max: 29, p95: quantileSorted(values, 0.95), exact: true, method: 'in-memory' });
    // web01: 0.8 cores x 1.3 = 1.04 cores x 3 GHz = 3.12 GHz; 4,096 MB x 1.3 = 5,324.8 MB
    const web = out.vms.find((v: { id: string }) => v.id === 'web01');
    expect(web.demand.cpuGHz).toBeCloseTo(3.12, 9);
    expect(web.vm).toMatchObject({ id: 'web01', vcpus: 2, memoryGB: expect.closeTo(5.2, 9) });
    expect(web.confidence).toMatchObject({ stars: 5 });
    expect(out.hosts[0]).toMatchObject({ host: 'HV01', vms: ['web01'] });
    expect(out.assumptions.find((a: { name: string }) => a.name === 'demand.comfortFactor')).toMatchObject({ value: 1.3, isDefault: false });
    expect(out.files[0]).toMatchObject({ format: 'pdh', rows: 60, timeZone: { biasMinutes: -60, source: 'header' } });
    expect(out.measurements.summaries.map((s: { name: string }) => s.name)).toContain('HV01/web01/vm.cpuCores');
  });

  it('writes JSON that hostplan report --bench draws (measurements and rightsizing sections)', async () => {
    const dir = workspace();
    expect((await run(['bench', 'hv01.csv', '--clock', '3', '--vms', 'vms.json', '--json', 'bench.json'], dir)).code).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'));
    // web01: 0.8 cores -> 1 vCPU suggested; 2 allocated is 2 x 1: oversized at the default factor 2
    expect(out.rightsizing).toEqual([expect.objectContaining({ vm: 'web01', kind: 'oversized', current: { vcpus: 2, memoryMB: 16384 }, suggested: { vcpus: 1, memoryMB: 4096 } })]);
    const r = await run(['report', '--bench', 'bench.json', '--html', 'r.html'], dir);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect([...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1])).toEqual(expect.arrayContaining(['measurements', 'rightsizing']));
  });

  it('prints host and VM tables on the terminal', async () => {
    const r = await run(['bench', 'hv01.csv', '--clock', '3'], workspace());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Read 1 file: 5 series, 60 rows, 0 issues; statistics exact in 1 pass/);
    expect(r.stdout).toMatch(/web01\s+HV01\s+2\s+0\.8\s+2\.4/);
  });

  it('keeps the percentiles exact beyond --memory-budget, reading each file once with a spill file (--spill-dir) or again without (none)', async () => {
    const dir = workspace();
    const figures = (out: string) => (JSON.parse(out) as { series: { path: string; p50: number; p95: number; p99: number; method: string }[] }).series;
    mkdirSync(join(dir, 'spill'));
    const plain = await run(['bench', 'hv01.csv', '--clock', '3', '--json', '-'], dir);
    // 0.001 MB holds 131 values: the 5 series (60 values each) and the derived demand series spill
    const spilled = await run(['bench', 'hv01.csv', '--clock', '3', '--memory-budget', '0.001', '--spill-dir', 'spill', '--json', '-'], dir);
    const replayed = await run(['bench', 'hv01.csv', '--clock', '3', '--memory-budget', '0.001', '--spill-dir', 'none', '--json', '-'], dir);
    expect([plain.code, spilled.code, replayed.code]).toEqual([0, 0, 0]);
    expect(readdirSync(join(dir, 'spill'))).toEqual([]);
    const percentiles = (out: string) => figures(out).map(({ path, p50, p95, p99 }) => ({ path, p50, p95, p99 }));
    expect(percentiles(spilled.stdout)).toEqual(percentiles(plain.stdout));
    expect(percentiles(replayed.stdout)).toEqual(percentiles(plain.stdout));
    expect(new Set(figures(spilled.stdout).map((s) => s.method))).toEqual(new Set(['spilled']));
    expect(new Set(figures(replayed.stdout).map((s) => s.method))).toEqual(new Set(['two-pass']));
    expect(JSON.parse(spilled.stdout).passes).toBe(1);
    expect(JSON.parse(replayed.stdout).passes).toBeGreaterThan(1);
    expect(JSON.parse(spilled.stdout).assumptions).toContainEqual(expect.objectContaining({ name: 'stats.spillDirectory', value: join(dir, 'spill'), isDefault: false }));
  });

  it.each([
    [['bench'], /bench needs at least one FILE/],
    [['bench', 'hv01.csv', '--percentile', '120'], /invalid --percentile: "120"; expected a percentile in 0\.\.100/],
    [['bench', 'hv01.csv', '--window', 'soon'], /--window: expected a duration such as 30s, 5m/],
    [['bench', 'hv01.csv', '--window', '5'], /--window: "5" has no unit: write 5m/],
    [['bench', 'hv01.csv', '--format', 'xml'], /invalid --format: "xml"/],
    [['bench', 'hv01.csv', '--map', 'bad-map.json'], /bad-map\.json:rules\[0\]\.resource: expected one of/],
    [['bench', 'missing.csv'], /no such file/],
  ])('%j exits 2 with one line naming the problem', async (args, message) => {
    const r = await run(args, workspace());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('hostplan bench and plan --perf on worker threads (--threads)', () => {
  it('bench: the same JSON on 1, 2 and 4 threads, two files; stats.threads counts the statistics threads (4 in all: 3, a parse worker besides); the default (the cores, at most 4) states os.availableParallelism() in assumptions', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'hv01-day2.csv'), readFileSync(join(dir, 'hv01.csv'), 'utf8').replaceAll('03/04/2024', '03/05/2024'));
    const json = async (extra: string[]) => {
      expect((await run(['bench', 'hv01.csv', 'hv01-day2.csv', '--json', 'out.json', ...extra], dir)).code).toBe(0);
      return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { assumptions: { name: string; value: unknown; source: string; isDefault: boolean }[] } & Record<string, unknown>;
    };
    const one = await json(['--threads', '1']);
    const two = await json(['--threads', '2']);
    const four = await json(['--threads', '4']);
    const byDefault = await json([]);
    const threads = (r: typeof one) => r.assumptions.find((a) => a.name === 'stats.threads');
    expect(threads(one)).toMatchObject({ value: 1, isDefault: false });
    expect(threads(two)).toMatchObject({ value: 2, isDefault: false });
    expect(threads(four)).toMatchObject({ value: 3, isDefault: false, source: expect.stringMatching(/4 threads in all \(--threads\)/) });
    expect(threads(byDefault)).toMatchObject({ value: threadPlan(Math.min(availableParallelism(), 4)).statistics, isDefault: true, source: expect.stringMatching(/os\.availableParallelism\(\)/) });
    const without = ({ assumptions, ...rest }: typeof one) => ({ ...rest, assumptions: assumptions.filter((a) => a.name !== 'stats.threads') });
    expect(without(two)).toEqual(without(one));
    expect(without(four)).toEqual(without(one));
    expect(without(byDefault)).toEqual(without(one));
    expect((await run(['bench', 'hv01.csv', '--threads', '0'], dir)).stderr).toMatch(/--threads: expected a whole number of threads >= 1, got "0"/);
  }, 60_000);

  it('plan --perf over two files: the same placements and measured VMs on 1 and 3 threads', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'hv01-day2.csv'), readFileSync(join(dir, 'hv01.csv'), 'utf8').replaceAll('03/04/2024', '03/05/2024'));
    writeFileSync(join(dir, 'hosts.json'), JSON.stringify({ hosts: [{ id: 'HV01', sockets: 2, coresPerSocket: 8, threadsPerCore: 2, clockGHz: 2.5, memoryGB: 256, storage: { iops: 20000, capacityGB: 4000 }, nics: [{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 2 }] }] }));
    const plan = async (threads: string) => {
      const r = await run(['plan', '--hosts', 'hosts.json', '--vms', 'vms.json', '--perf', 'hv01.csv', 'hv01-day2.csv', '--threads', threads, '--json', '-'], dir);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { measured: unknown[]; placements: unknown };
    };
    const one = await plan('1');
    const three = await plan('3');
    expect(three.measured).toEqual(one.measured);
    expect(three.placements).toEqual(one.placements);
    expect(one.measured.length).toBe(1); // web01, measured in both files
  }, 60_000);
});

describe('hostplan bench --prometheus', () => {
  it('streams the queries of a preset through the same statistics and demand (libvirt: one VM at 0.5 cores)', async () => {
    const start = Date.UTC(2025, 5, 1) / 1000;
    const values = Array.from({ length: 60 }, (_, i) => [start + i * 60, i === 30 ? '1.5' : '0.5']);
    const stub = await startStub([json(200, matrix([{ metric: { instance: 'hv1:9177', domain: 'web1' }, values }]))]);
    try {
      const r = await run(['bench', '--prometheus', stub.url, '--preset', 'libvirt', '--from', String(start), '--to', String(start + 59 * 60), '--step', '1m', '--clock', '2', '--json', '-'], workspace());
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.source).toMatchObject({ kind: 'prometheus', stepSeconds: 60 });
      expect(stub.seen.length).toBeGreaterThanOrEqual(4); // one range query per preset query
      // vm-cpu: 59 samples at 0.5 cores and one at 1.5; p95 h = 59 x 0.95 = 56.05 -> 0.5; x 2 GHz = 1 GHz
      const vm = out.vms.find((v: { id: string }) => v.id === 'web1');
      expect(vm.host).toBe('hv1');
      expect(vm.demand.cpuCores).toBe(0.5);
      expect(vm.demand.cpuGHz).toBe(1);
      expect(out.series.find((x: { counter: string }) => x.counter === 'vm-cpu')).toMatchObject({ count: 60, max: 1.5, p95: 0.5 });
    } finally {
      await stub.close();
    }
  });

  it('names a bad option in one line and exits 2', async () => {
    const r = await run(['bench', '--prometheus', 'ftp://x', '--preset', 'node', '--from', '0', '--to', '60', '--step', '1m'], workspace());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--prometheus: expected an http/);
    const both = await run(['bench', 'hv01.csv', '--prometheus', 'http://127.0.0.1:9'], workspace());
    expect(both.stderr).toMatch(/either FILEs or --prometheus/);
  });
});
