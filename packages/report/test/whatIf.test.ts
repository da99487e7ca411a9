import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host, Vm } from '@hostplan/core';
import { failoverReport, placeVms } from '@hostplan/core';
import { renderHtmlReport, replanWhatIf, reportFailoverFrom, reportInputFromPlan, type ReportWhatIf } from '../src/index.js';
import { scaleComfort } from '../src/whatif/replan.js';
import { whatIfScript } from '../src/whatif/bundle.js';

const host = (id: string): Host => ({ id, sockets: 2, coresPerSocket: 8, threadsPerCore: 1, clockGHz: 2.5, memoryGB: 64 });
const hosts = ['h1', 'h2', 'h3', 'h4'].map(host);
const vms: Vm[] = Array.from({ length: 12 }, (_, i) => ({ id: i === 0 ? '</script><img src=x onerror=alert(1)>' : `vm-${i}`, vcpus: 2, memoryGB: 8, cpuDemandGHz: 1 }));
const data: ReportWhatIf = { hosts, vms, policy: {}, failover: 1, comfortFactor: 1, measured: [{ id: 'vm-1', fields: ['cpuDemandGHz', 'memoryGB'] }], costPerHostMonth: 1000, currency: 'USD' };

describe('replanWhatIf(data, settings) and scaleComfort', () => {
  it('scaleComfort multiplies only the measured figures by new / old factor, a share of vCPUs at most 1', () => {
    fc.assert(fc.property(fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (from, to, u) => {
      const list: Vm[] = [{ id: 'a', vcpus: 2, memoryGB: 4, cpuDemandGHz: 1, iops: 10 }, { id: 'b', vcpus: 2, memoryGB: 4, cpuUtilization: u }, { id: 'c', vcpus: 1, memoryGB: 2, iops: 5 }];
      const out = scaleComfort(list, [{ id: 'a', fields: ['cpuDemandGHz'] }, { id: 'b', fields: ['cpuUtilization', 'memoryGB'] }], from, to);
      expect(out[0]!.cpuDemandGHz).toBeCloseTo((1 * to) / from, 9);
      expect(out[0]!.iops).toBe(10);
      expect(out[1]!.cpuUtilization).toBeCloseTo(Math.min(1, (u * to) / from), 9);
      expect(out[1]!.memoryGB).toBeCloseTo((4 * to) / from, 9);
      expect(out[2]).toEqual(list[2]);
    }));
  });

  it('with no settings gives placeVms\' own plan; growth adds ceil(n x (1 + g)) - n copies', () => {
    expect(replanWhatIf(data).plan.placements).toEqual(placeVms(hosts, vms).placements);
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), (percent) => {
      const a = replanWhatIf({ ...data, failover: 0 }, { growth: percent / 100 });
      expect(a.vms.length).toBe(Math.ceil(12 * (1 + percent / 100) - 1e-9));
    }), { numRuns: 20 });
  });

  it('prices a VM as hosts used x cost per host / VMs placed / (1 - margin)', () => {
    const a = replanWhatIf(data, { margin: 0.2 });
    expect(a.pricePerVmMonth).toBeCloseTo((a.plan.summary.hostsUsed * 1000) / a.plan.summary.vmsPlaced / 0.8, 9);
    expect(replanWhatIf({ ...data, costPerHostMonth: undefined }).pricePerVmMonth).toBeNull();
  });

  it('a lower CPU target never needs fewer hosts', () => {
    const used = [1, 0.8, 0.6, 0.4].map((t) => replanWhatIf({ ...data, failover: 0 }, { targetUtilization: { cpuGHz: t } }).plan.summary.hostsUsed);
    expect(used).toEqual([...used].sort((x, y) => x - y));
  });
});

describe('the what-if page', () => {
  const plan = placeVms(hosts, vms);
  const { summary, result } = failoverReport(hosts, plan, { vms, k: 1 });
  const input = { ...reportInputFromPlan({ plan, hosts, vms }), failover: reportFailoverFrom({ summary, result, plan, hosts, vms }), whatIf: data };
  const html = renderHtmlReport(input);

  it('has the controls and results with their contract names, set to the plan\'s values', () => {
    for (const name of ['failover', 'targetUtilization', 'comfortFactor', 'growth', 'margin']) expect(html).toContain(`name="${name}"`);
    expect(html).toContain('<input type="number" name="failover" min="0" max="3" step="1" value="1">');
    expect(html).toContain('data-hostplan="hosts-used"');
    expect(html).toContain('data-hostplan="failover-verdict"');
  });

  it('inlines the bundled core with no Node built-in, allowed by its SHA-256 in the CSP, and the data with no way to close its element', () => {
    const script = whatIfScript();
    expect(script).not.toMatch(/require\(["']node:|from ["']node:/);
    expect(script).toContain('hostplan-whatif-data');
    const csp = /content="(default-src[^"]+)"/.exec(html)![1]!;
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBe(2);
    for (const s of scripts) expect(csp).toContain(`'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
    const block = /<script type="application\/json" id="hostplan-whatif-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toContain('<');
    expect(JSON.parse(block).data.vms[0].id).toBe('</script><img src=x onerror=alert(1)>');
  });

  it('leaves the what-if out above maxWhatIfVms and says so', () => {
    const big = renderHtmlReport(input, { maxWhatIfVms: 10 });
    expect(big).not.toContain('hostplan-whatif-data');
    expect(big).not.toContain('name="failover"');
    expect(big).toContain('The what-if controls are left out above 10 VMs');
  });
});
