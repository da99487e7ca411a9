import { placeVms, type Host, type Vm } from '@hostplan/core';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport, reportInputFromPlan } from '../src/index.js';

const host = (id: string): Host => ({ id, model: 'R660', sockets: 2, coresPerSocket: 16, threadsPerCore: 2, clockGHz: 2.9, memoryGB: 256, storage: { iops: 40_000, capacityGB: 10_000 }, nics: [{ role: 'guest', gbps: 10, ports: 2 }] });
const vm = (id: string, memoryGB: number, role: string): Vm => ({ id, vcpus: 4, memoryGB, diskGB: 100, role } as Vm);

describe('reportInputFromPlan({ plan, hosts, vms })', () => {
  it('reports a plan from core\'s placeVms with reserve lines and VM groups', () => {
    const hosts = [host('hv-1'), host('hv-2')];
    const vms = [vm('web-1', 16, 'web'), vm('db-1', 128, 'db'), vm('huge', 4096, 'sap')];
    const plan = placeVms(hosts, vms);
    const input = reportInputFromPlan({ plan, hosts, vms });
    // 256 GB = 262,144 MB total per host; the reserve comes from core's hostCapacity.
    expect(input.plan!.hosts[0]!.total?.memoryMB).toBe(262_144);
    expect(input.plan!.hosts[0]!.reserved?.memoryMB).toBeGreaterThan(0);
    expect(input.vms).toContainEqual({ id: 'db-1', group: 'db', size: { vcpus: 4, memoryMB: 131_072, storageGB: 100 } });
    const html = renderHtmlReport(input);
    expect([...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1])).toEqual(['summary', 'hosts', 'placement', 'unplaced', ...(plan.assumptions.length ? ['assumptions'] : [])]);
    expect(html).toContain('class="reserve-line"');
    expect(html).toContain('huge');
  });
});
