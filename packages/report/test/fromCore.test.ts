import { failoverReport, placeVms, type Host, type Vm } from '@hostplan/core';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport, reportFailoverFrom, reportInputFromPlan } from '../src/index.js';

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
    expect(input.vms!.find((v) => v.id === 'db-1')).toMatchObject({ id: 'db-1', group: 'db', size: { vcpus: 4, memoryMB: 131_072, storageGB: 100 } });
    // a placed VM carries its demand on its host (memory plus core's overhead); an unplaced one none
    expect(input.vms!.find((v) => v.id === 'web-1')!.demand!.memoryMB).toBeGreaterThanOrEqual(16_384);
    expect(input.vms!.find((v) => v.id === 'huge')!.demand).toBeUndefined();
    const html = renderHtmlReport(input);
    expect([...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1])).toEqual(['summary', 'hosts', 'placement', 'vms', 'unplaced', ...(plan.assumptions.length ? ['assumptions'] : [])]);
    // no utilisation ceiling: the reserve begins at the target, so no second tick hides under it
    expect(html).not.toContain('class="reserve-line"');
    expect(html).toContain('huge');
    // with a 0.8 ceiling the reserve begins past the target and is drawn
    const policy = { targetUtilization: { cpuGHz: 0.8, memoryMB: 0.8 } };
    const ceiling = renderHtmlReport(reportInputFromPlan({ plan: placeVms(hosts, vms, { policy }), hosts, vms, policy }));
    expect(ceiling).toContain('class="reserve-line"');
    expect(ceiling).toContain('the red tick where the reserve begins');
  });
});

describe('reportFailoverFrom({ summary, result, plan, hosts, vms })', () => {
  it('adds the headroom of each survivor in the worst scenario: limit - used before - restarted demand', () => {
    const hosts = [host('hv-1'), host('hv-2'), host('hv-3')];
    const vms = [vm('web-1', 16, 'web'), vm('web-2', 16, 'web'), vm('db-1', 64, 'db')];
    const plan = placeVms(hosts, vms);
    const { result, summary } = failoverReport(hosts, plan, { vms, k: 1 });
    const failover = reportFailoverFrom({ summary, result, plan, hosts, vms });
    expect(failover.met).toBe(true);
    const failed = new Set(result.worst!.failed);
    expect(failover.headroom!.map((h) => h.host)).toEqual(plan.hosts.map((h) => h.id).filter((id) => !failed.has(id)));
    // Memory of a restarted VM: 16 GB = 16,384 MB + 32 + 8 x 15 = 16,536 MB; 64 GB = 65,536 + 32 + 8 x 63 = 66,072 MB.
    const demandMB: Record<string, number> = { 'web-1': 16_536, 'web-2': 16_536, 'db-1': 66_072 };
    for (const h of failover.headroom!) {
      const before = plan.hosts.find((u) => u.id === h.host)!.used.memoryMB;
      const restarted = result.worst!.placements.filter((p) => p.host === h.host).reduce((s, p) => s + demandMB[p.vm]!, 0);
      expect(h.free.memoryMB).toBe(h.capacity.memoryMB! - before - restarted);
    }
    expect(renderHtmlReport({ plan: reportInputFromPlan({ plan, hosts, vms }).plan!, failover })).toContain('data-chart="failover-headroom"');
  });

  it('returns the summary alone when the plan or the worst scenario is missing', () => {
    const summary = { toleratedFailures: 0, requiredFailures: 1, met: false, verdict: 'not met' as const, proof: 'not met', coverage: { checked: 1, total: 1 }, exhaustive: true, warnings: [], worstScenario: null, notRestarted: [] };
    expect(reportFailoverFrom({ summary })).toBe(summary);
    expect(renderHtmlReport({ failover: summary })).toContain('Failover not met');
  });
});
