import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportJsonText } from '@hostplan/report';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { sampleReportInput } from '../../report/test/fixtures/sample.js';

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, isTTY: false };
  return main(args, io).then((code) => ({ code, stdout, stderr }));
}

/** A folder with plan.json (the report JSON of the sample, without measurements) and bench.json. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostplan-cli-report-'));
  const input = sampleReportInput();
  writeFileSync(join(dir, 'plan.json'), reportJsonText({ ...input, measurements: undefined, rightsizing: undefined, growth: undefined, failover: undefined }));
  writeFileSync(join(dir, 'failover.json'), JSON.stringify({ failover: input.failover }));
  writeFileSync(join(dir, 'bench.json'), JSON.stringify({ measurements: input.measurements, rightsizing: input.rightsizing, growth: input.growth }));
  return dir;
}

describe('hostplan report', () => {
  it('writes HTML, Markdown, CSV and JSON, and exits 1 because 3 VMs are unplaced', async () => {
    const dir = workspace();
    const r = await run(['report', '--plan', 'plan.json', '--failover', 'failover.json', '--bench', 'bench.json', '--html', 'out/r.html', '--markdown', 'out/s.md', '--csv', 'out/csv', '--json', 'out/r.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('hostplan report: 3 VMs unplaced\n');
    for (const f of ['out/r.html', 'out/s.md', 'out/csv/placements.csv', 'out/csv/price-sheet.csv', 'out/r.json']) {
      expect(r.stdout).toContain(`wrote ${join(dir, f)}`);
      expect(existsSync(join(dir, f))).toBe(true);
    }
    const html = readFileSync(join(dir, 'out/r.html'), 'utf8');
    expect([...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1])).toEqual(['summary', 'hosts', 'placement', 'vms', 'failover', 'measurements', 'rightsizing', 'growth', 'costs', 'unplaced', 'assumptions']);
    expect(JSON.parse(readFileSync(join(dir, 'out/r.json'), 'utf8')).kind).toBe('hostplan.report');
  });

  it('--json - writes the report JSON to standard output and nothing else', async () => {
    const r = await run(['report', '--plan', 'plan.json', '--json', '-'], workspace());
    expect(JSON.parse(r.stdout).schemaVersion).toMatch(/^1\./);
  });

  it('exits 0 when every VM is placed and failover is met', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ placements: [{ vm: 'a', host: 'h' }], unplaced: [], hosts: [{ id: 'h', used: { memoryMB: 1 }, capacity: { memoryMB: 2 } }] }));
    const r = await run(['report', '--plan', 'ok.json', '--failover', 'failover.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${join(dir, 'hostplan-report.html')}\n`);
  });

  it.each<[string, string[], string]>([
    ['no input', ['report'], 'hostplan report: report needs --plan FILE'],
    ['a missing file', ['report', '--plan', 'nope.json'], 'hostplan report: cannot read'],
    ['a field of the wrong type', ['report', '--plan', 'bad.json'], 'hostplan report: bad.json: plan.hosts[0].capacity.memoryMB: expected a finite number or "Infinity" or null, got "two"'],
    ['broken JSON', ['report', '--plan', 'broken.json'], 'hostplan report: broken.json:2:12: invalid JSON: unexpected'],
    ['an unknown option', ['report', '--plan', 'plan.json', '--pdf', 'x'], 'hostplan report: Unknown option'],
  ])('exits 2 with one line naming the problem: %s', async (_name, args, start) => {
    const dir = workspace();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ plan: { placements: [], unplaced: [], hosts: [{ id: 'h', used: {}, capacity: { memoryMB: 'two' } }] } }));
    writeFileSync(join(dir, 'broken.json'), '{\n  "plan": [,\n}');
    const r = await run(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(start)).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('reports a sizing alone (--size, the shape hostplan size --json writes) and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-cli-report-'));
    // Shape of `hostplan size --json`: report-ready sections plus the size command's own fields.
    writeFileSync(join(dir, 'size.json'), JSON.stringify({
      sizing: { hostsNeeded: 5, hostModel: 'r760-2x16', binding: 'cpuGHz', lowerBound: 4, spareHosts: 1, options: [{ model: 'r760-2x16', hosts: 5, costPerMonth: 5376.45 }, { model: 'dl380-g5', hosts: 40, costPerMonth: 18314.15, note: 'cannot run 9 VM(s) or hold failover' }] },
      costs: { currency: 'USD', period: 'month', vmCount: 302, lines: [{ category: 'hardware', amount: 4195.93 }, { category: 'power', amount: 455.52 }, { category: 'rack', amount: 125 }, { category: 'administration', amount: 600 }] },
      priceSheet: [{ item: 'r760-2x16 host', unit: 'host-month', unitPrice: 1075.29, currency: 'USD', quantity: 5, source: 'catalog' }],
      vms: 302, options: [{ name: 'r760-2x16', placements: [] }],
      assumptions: [{ name: 'cost.termMonths', value: 36, unit: 'months', source: 'costs.json', isDefault: false }],
    }));
    const r = await run(['report', '--size', 'size.json', '--html', 'size.html', '--markdown', '-'], dir);
    expect(r.code).toBe(0);
    // 4,195.93 + 455.52 + 125 + 600 = 5,376.45 per month; / 302 VMs = 17.80
    expect(r.stdout).toContain('| Cost per month | USD 5,376.45; USD 17.80 per VM |');
    const html = readFileSync(join(dir, 'size.html'), 'utf8');
    expect([...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1])).toEqual(['summary', 'sizing', 'costs', 'assumptions']);
    expect(html).toContain('Host models compared');
    expect(html).toContain('data-chart="model-comparison"');
  });

  it('--help shows usage and examples', async () => {
    const r = await run(['report', '--help'], tmpdir());
    expect(r.stdout).toContain('Usage: hostplan report [--plan FILE]');
    expect(r.stdout).toContain('Examples:');
  });
});
