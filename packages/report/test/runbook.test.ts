import { readFileSync } from 'node:fs';
import { failoverReport, placeVms, type Host, type Vm } from '@hostplan/core';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport, renderMarkdownSummary, reportFailoverFrom, reportInputFromPlan, reportJsonText, runbookCsv, RUNBOOK_CSV_HEADER } from '../src/index.js';
import { validateJsonSchema } from './helpers/jsonSchema.js';

const schema = JSON.parse(readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const host = (id: string, memoryGB = 64): Host => ({ id, sockets: 2, coresPerSocket: 8, threadsPerCore: 1, clockGHz: 3, memoryGB });
const vm = (id: string, memoryGB: number): Vm => ({ id, vcpus: 1, memoryGB });

/** Three hosts; two VMs of 40 GB fit one per host, so losing a loaded host strands nothing only while a third host is free. */
function farm() {
  const hosts = [host('hv-1'), host('hv-2'), host('hv-3', 32)];
  const vms = [vm('<script>a</script>', 40), vm('=cmd', 40), vm('small', 4)];
  const plan = placeVms(hosts, vms);
  const { result, summary } = failoverReport(hosts, plan, { vms, k: 1 });
  return { hosts, vms, plan, result, failover: reportFailoverFrom({ summary, result, plan, hosts, vms }) };
}

describe('the failover runbook in the report', () => {
  it('lists every failure set, worst first, each displaced VM with the host it ran on and where it restarts or why not', () => {
    const { plan, result, failover } = farm();
    const rb = failover.runbook!;
    expect(rb.total).toBe(result.scenarios.length);
    expect(rb.scenarios.length).toBe(result.scenarios.length);
    const lost = rb.scenarios.map((s) => s.unplaced.length);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
    const ranOn = new Map(plan.placements.map((p) => [p.vm, p.host]));
    for (const s of rb.scenarios) {
      for (const p of [...s.placements, ...s.unplaced]) expect(s.failed).toContain(p.from);
      for (const p of s.placements) { expect(p.from).toBe(ranOn.get(p.vm)); expect(s.failed).not.toContain(p.host); }
    }
  });

  it('writes failover-runbook.csv rows per displaced VM, cells neutralised against formulas', () => {
    const { failover } = farm();
    const lines = runbookCsv({ failover }).trimEnd().split('\r\n');
    expect(lines[0]).toBe(RUNBOOK_CSV_HEADER.join(','));
    const rows = failover.runbook!.scenarios.reduce((n, s) => n + s.placements.length + s.unplaced.length, 0);
    expect(lines).toHaveLength(1 + rows);
    expect(lines.some((l) => l.includes(",'=cmd,"))).toBe(true);
    expect(lines.some((l) => l.includes('=cmd') && !l.includes("'=cmd"))).toBe(false);
  });

  it('shows the worst sets in the HTML failover section with every name escaped', () => {
    const { hosts, vms, plan, failover } = farm();
    const html = renderHtmlReport({ ...reportInputFromPlan({ plan, hosts, vms }), failover });
    const section = html.slice(html.indexOf('id="failover"'));
    expect(section).toContain('Runbook: where the VMs go');
    expect(section).toContain('&lt;script&gt;a&lt;/script&gt;');
    expect(html).not.toContain('<script>a</script>');
    expect(section).toMatch(/<th[^>]*>Restarts on<\/th>/);
  });

  it('the JSON export with a runbook follows the schema', () => {
    const { hosts, vms, plan, failover } = farm();
    const doc = JSON.parse(reportJsonText({ ...reportInputFromPlan({ plan, hosts, vms }), failover }));
    expect(doc.failover.runbook.scenarios.length).toBeGreaterThan(0);
    expect(validateJsonSchema(schema, doc)).toEqual([]);
  });

  it('a not-proven verdict reads as such in the HTML and Markdown, with the coverage', () => {
    const failover = { toleratedFailures: 1, requiredFailures: 2, met: false, verdict: 'not proven' as const, proof: 'not proven: 1,000 of 2,016 failure sets re-placed, no failing set found; cluster-1 only sampled', coverage: { checked: 1000, total: 2016 } };
    const html = renderHtmlReport({ failover });
    expect(html).toContain('Failover not proven');
    expect(html).toContain('not proven: 1,000 of 2,016 failure sets re-placed');
    expect(renderMarkdownSummary({ failover })).toContain('**not proven** (1,000 of 2,016 failure sets re-placed)');
  });
});
