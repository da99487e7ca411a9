import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from './support/run.js';

const SAMPLE = ['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--perf', 'data/perf/hv01.csv', 'data/perf/hv02.csv'];

describe('hostplan plan --perf --failover --html (the main job, npm start)', () => {
  it('sizes the measured VMs from the logs, checks N+1 and writes the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-main-'));
    const html = join(dir, 'report.html');
    const r = await run([...SAMPLE, '--failover', '1', '--html', html]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Placed 302 of 302 VMs on \d+ of 14 hosts/);
    // the two logs cover 11 VMs each; every one of them joins its inventory entry
    expect(r.out).toContain('Measurements: 22 VMs sized from 2 perf logs (p95 x comfort 1); the other 280 from the inventory.');
    expect(r.out).not.toContain('not in the inventory');
    expect(r.out).toMatch(/Failover N\+1: met, (\d+) of \1 failure sets re-placed; tolerates 1 host failure per cluster/);
    expect(r.out).toContain(`wrote ${html}`);
    const page = readFileSync(html, 'utf8');
    for (const id of ['summary', 'hosts', 'placement', 'failover', 'measurements', 'assumptions']) expect(page, id).toContain(`id="${id}"`);
    expect(page).toContain('demand.percentile'); // the measurement defaults are among the assumptions
  });

  it('writes measured demand and the failover summary into the JSON', async () => {
    const r = await run([...SAMPLE, '--failover', '1', '--percentile', '99', '--comfort', '1.3', '--json', '-']);
    const j = JSON.parse(r.out);
    expect(j.failover).toMatchObject({ requiredFailures: 1, met: true });
    expect(j.measured).toHaveLength(22);
    expect(j.assumptions.length).toBeGreaterThan(10);
    // a measured VM is placed with its measured CPU demand, scaled by the comfort factor
    const app = j.measured.find((m: { id: string }) => m.id === 'app-02');
    expect(app.demand.cpuGHz).toBeGreaterThan(0);
  });

  it('exits 1 and names the VMs that would not restart when failover is not met', async () => {
    const r = await run(['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--failover', '4']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Failover N\+4: NOT met, .* left VMs unplaced in a failure set \([\d,]+ of [\d,]+ failure sets checked\); tolerates [0-3] host failures? per cluster/);
    expect(r.out).toMatch(/would not restart: \S+: /);
  });

  it('packs on the summed measured series with --coincident-peaks, and says so in the assumptions', async () => {
    const r = await run([...SAMPLE, '--coincident-peaks', '--json', '-']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.summary.vmsPlaced).toBe(302);
    expect(j.assumptions.some((a: { name: string; value: unknown }) => /coincidence/.test(a.name) && a.value !== false)).toBe(true);
  });

  it('draws a progress bar on a terminal, and none with --quiet', async () => {
    const onTerminal = async (args: string[]) => {
      const r = await run(args, ROOT, true);
      expect(r.code).toBe(0);
      return r.err;
    };
    const drawn = await onTerminal([...SAMPLE, '--failover', '1']);
    expect(drawn).toMatch(/hv01\.csv \[#+ *\] +\d+ %/); //      reading the logs
    expect(drawn).toMatch(/placing 302 VMs \[#+ *\] \d\/\d/); // placement constructions
    expect(drawn).toMatch(/failover sets \[#+ *\] 14\/14/); //   one set per host for N+1
    expect(await onTerminal([...SAMPLE, '--failover', '1', '--quiet'])).toBe('');
  });

  it.each([
    [['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--coincident-peaks'], /--coincident-peaks needs --perf FILE/],
    [['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', 'data/perf/hv01.csv'], /unexpected argument "data\/perf\/hv01.csv"; perf logs go after --perf/],
    [['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--comfort', '1.3'], /--percentile and --comfort need --perf FILE/],
    [['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--failover', '1.5'], /--failover: expected a whole number of host failures >= 0, got "1.5"/],
    [[...SAMPLE, '--percentile', '120'], /--percentile: expected a percentile in \(0, 100\], got "120"/],
  ])('refuses bad options with exit 2 and one line: %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(ROOT, 'hostplan-report.html'))).toBe(false);
  });
});
