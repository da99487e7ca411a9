import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { architect } from '../architect.js';

describe('examples/architect.ts', () => {
  it('sizes the inventory with N+1 on every model, cheapest first, and writes the report', async () => {
    const lines: string[] = [];
    const reportPath = join(mkdtempSync(join(tmpdir(), 'hostplan-architect-')), 'report.html');
    const { sizing } = await architect((l) => lines.push(l), reportPath);
    const text = lines.join('\n');
    expect(text).toMatch(/^302 VMs; 22 sized from perfmon logs \(p95\)/);
    // at least two models hold N+1, side by side, cheapest first
    const feasible = sizing.options.filter((o) => o.feasible);
    expect(feasible.length).toBeGreaterThanOrEqual(2);
    const costs = feasible.map((o) => o.costPerMonth!);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const o of feasible) {
      expect(o.failover.tolerates).toBe(true);
      expect(o.hosts).toBeGreaterThan(o.hostsForLoad); // the spare is there
      expect(text).toContain(o.name);
    }
    expect(text).toContain(`Cheapest with N+1: ${feasible[0]!.name}, ${feasible[0]!.hosts} hosts`);
    const html = readFileSync(reportPath, 'utf8');
    for (const id of ['summary', 'measurements', 'costs', 'assumptions']) expect(html, id).toContain(`id="${id}"`);
  });
});
