import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport, type ReportInput } from '../src/index.js';
import { syntheticReportInput } from './fixtures/synthetic.js';

/** The rows of the placement table as arrays of cell texts. */
function vmRows(html: string): string[][] {
  const table = /<table class="sortable vm-table">[\s\S]*?<\/table>/.exec(html)![0];
  return [...table.matchAll(/<tr>(<td[\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!));
}

describe('the placement table (section vms)', () => {
  const input: ReportInput = {
    plan: {
      placements: [{ vm: 'a', host: 'h1' }, { vm: '<b>', host: 'h1' }],
      unplaced: [{ vm: 'c', reasons: [{ host: 'h1', message: 'needs 4 GB more memory' }] }],
      hosts: [{ id: 'h1', used: { memoryMB: 8192, cpuGHz: 4 }, capacity: { memoryMB: 12288, cpuGHz: 20 }, vms: ['a', '<b>'] }],
    },
    vms: [{ id: 'a', demand: { memoryMB: 4096, cpuGHz: 1 } }, { id: '<b>', demand: { memoryMB: 1024, cpuGHz: 3 } }, { id: 'c', size: { memoryMB: 20480 } }],
  };

  it('lists every VM with its host, binding resource, share of the host target and demand; unplaced first with the reason', () => {
    const rows = vmRows(renderHtmlReport(input));
    // a: memory 4,096 / 12,288 MB = 33.3 % beats CPU 1 / 20 GHz = 5 %; <b>: CPU 3 / 20 = 15 % beats memory 1,024 / 12,288 = 8.3 %
    expect(rows).toEqual([
      ['c', 'unplaced: h1: needs 4 GB more memory', '–', '–', '–', '20', '–', '–'],
      ['a', 'h1', 'Memory', '33.3 %', '1', '4', '–', '–'],
      ['&lt;b&gt;', 'h1', 'CPU', '15 %', '3', '1', '–', '–'],
    ]);
  });

  it('above maxVmRows lists the unplaced and the largest shares, and points to the CSV', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 9 }), (maxVmRows, seed) => {
      const big = syntheticReportInput({ hosts: 5, vms: 80, seed });
      const html = renderHtmlReport(big, { maxVmRows });
      const rows = vmRows(html);
      expect(rows.length).toBe(Math.min(80, maxVmRows));
      // independently: the share of each placed VM is its largest demand / host target over CPU and memory
      const hosts = new Map(big.plan!.hosts.map((h) => [h.id, h]));
      const size = new Map(big.vms!.map((v) => [v.id, v.size!]));
      const share = (vm: string, host: string) => Math.max(size.get(vm)!.cpuGHz! / hosts.get(host)!.capacity.cpuGHz!, size.get(vm)!.memoryMB! / hosts.get(host)!.capacity.memoryMB!);
      const ranked = [...big.plan!.unplaced.map((u) => ({ vm: u.vm, s: Infinity })), ...big.plan!.placements.map((p) => ({ vm: p.vm, s: share(p.vm, p.host) }))]
        .sort((a, b) => b.s - a.s || (a.vm < b.vm ? -1 : 1));
      if (maxVmRows < 80) {
        expect(rows.map((r) => r[0])).toEqual(ranked.slice(0, maxVmRows).map((r) => r.vm));
        expect(html).toContain(`Showing the ${maxVmRows} worst-fitting of 80 VMs`);
        expect(html).toContain('every VM is in placements.csv');
      } else expect(html).not.toContain('worst-fitting of');
    }), { numRuns: 30 });
  });

  it('carries a filter box the table script reads, and the CSP allows that script by hash', () => {
    const html = renderHtmlReport(input);
    expect(html).toContain('<input type="search" data-filter-table="vm-table"');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).toContain("getAttribute('data-filter-table')");
  });
});
