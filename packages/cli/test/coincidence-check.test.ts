import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/run.js';

let dir = '';
/** A PDH log from host HV1: VM a's one virtual processor, 12 rows 5 minutes apart. */
function log(): string {
  const head = ['"(PDH-CSV 4.0) (UTC)(0)"', '"\\\\HV1\\Hyper-V Hypervisor Virtual Processor(a:Hv VP 0)\\% Guest Run Time"'];
  const rows = Array.from({ length: 12 }, (_, i) => `"01/02/2024 10:${String(i * 5).padStart(2, '0')}:00.000","${i % 2 ? 80 : 10}"`);
  return [head.join(','), ...rows].join('\n') + '\n';
}
const host = (id: string) => ({ id, sockets: 1, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, nics: 'management:1;guest:10' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostplan-coincidence-'));
  writeFileSync(join(dir, 'hv1.csv'), log());
  writeFileSync(join(dir, 'vms.json'), JSON.stringify([{ id: 'a', vcpus: 1, memoryGB: 1 }, { id: 'b', vcpus: 1, memoryGB: 1 }]));
  writeFileSync(join(dir, 'hosts-match.json'), JSON.stringify([host('hv1')]));
  writeFileSync(join(dir, 'hosts-other.json'), JSON.stringify([host('other')]));
});

describe('hostplan plan --coincident-peaks', () => {
  it('exits 2 with the reason when the log\'s host is not in --hosts (no clock, so no CPU profile)', async () => {
    const r = await run(['plan', '--hosts', 'hosts-other.json', '--vms', 'vms.json', '--perf', 'hv1.csv', '--coincident-peaks'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--coincident-peaks: no VM being planned has a measured profile; a cpuGHz: CPU is measured in cores but the clock of host HV1 is unknown');
  });

  it('profiles the VM when the host is named', async () => {
    const r = await run(['plan', '--hosts', 'hosts-match.json', '--vms', 'vms.json', '--perf', 'hv1.csv', '--coincident-peaks'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Peak coincidence: hosts carry the p95 of their VMs' summed series \(12 points of 5 min\)/);
  });

  it('states each host\'s exposure to the measurements in the terminal and the JSON', async () => {
    // a: 1 vCPU, 10 % and 80 % alternately on a 3 GHz host: p95 0.8 cores = 2.4 GHz at its peak buckets;
    // b (not measured) at its default 20 % of one vCPU = 0.6 GHz at every bucket: peak 3.0 GHz, never above 10.8 GHz
    const r = await run(['plan', '--hosts', 'hosts-match.json', '--vms', 'vms.json', '--perf', 'hv1.csv'], dir);
    expect(r.out).toMatch(/Exposure: share of the measured time/);
    expect(r.out).toMatch(/^hv1\s+0\.0 % \/ \+0\.0 %\s+12$/m);
    const j = JSON.parse((await run(['plan', '--hosts', 'hosts-match.json', '--vms', 'vms.json', '--perf', 'hv1.csv', '--json', '-'], dir)).out);
    expect(j.exposure).toEqual([{ host: 'hv1', resources: [expect.objectContaining({ resource: 'cpuGHz', points: 12, overShare: 0, worstOvershoot: 0 })] }]);
    expect(j.exposure[0].resources[0].peak).toBeCloseTo(3.0, 9);
  });
});
