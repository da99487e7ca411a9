import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './support/run.js';

const PLAN = ['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json'];

describe('hostplan plan --failover K: the runbook in every output', () => {
  it('--json carries the verdict, its proof and coverage, and every failure set with where each displaced VM restarts', async () => {
    const r = await run([...PLAN, '--failover', '1', '--json', '-']);
    const j = JSON.parse(r.out);
    expect(j.failover.verdict).toBe('met');
    expect(j.failover.coverage.checked).toBe(j.failover.coverage.total);
    expect(j.failover.scenarios).toHaveLength(j.failover.scenariosChecked);
    const ranOn = new Map<string, string>(j.placements.map((p: { vm: string; host: string }) => [p.vm, p.host]));
    for (const s of j.failover.scenarios) {
      expect(s.failed).toHaveLength(1);
      const displaced = [...ranOn].filter(([, h]) => h === s.failed[0]).map(([vm]) => vm).sort();
      expect([...s.placements, ...s.unplaced].map((p: { vm: string }) => p.vm).sort()).toEqual(displaced);
      for (const p of s.placements) { expect(p.from).toBe(s.failed[0]); expect(p.host).not.toBe(s.failed[0]); }
    }
  });

  it('--csv DIR writes failover-runbook.csv with a row per displaced VM per failure set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-runbook-'));
    const r = await run([...PLAN, '--failover', '1', '--csv', dir]);
    expect(r.out).toContain(`wrote ${join(dir, 'failover-runbook.csv')}`);
    const lines = readFileSync(join(dir, 'failover-runbook.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('cluster,failed_hosts,vm,from_host,status,restarts_on,reason_count,first_reason');
    const j = JSON.parse((await run([...PLAN, '--failover', '1', '--json', '-'])).out);
    const rows = j.failover.scenarios.reduce((n: number, s: { placements: unknown[]; unplaced: unknown[] }) => n + s.placements.length + s.unplaced.length, 0);
    expect(lines).toHaveLength(1 + rows);
  });

  it('hostplan report --plan reads the plan JSON\'s scenarios back as the runbook (HTML table, CSV)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-runbook-'));
    const planJson = join(dir, 'plan.json');
    await run([...PLAN, '--failover', '1', '--json', planJson]);
    const html = join(dir, 'report.html');
    const r = await run(['report', '--plan', planJson, '--html', html, '--csv', dir]);
    expect(r.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('Runbook: where the VMs go');
    const j = JSON.parse(readFileSync(planJson, 'utf8'));
    const lines = readFileSync(join(dir, 'failover-runbook.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + j.failover.scenarios.reduce((n: number, s: { placements: unknown[]; unplaced: unknown[] }) => n + s.placements.length + s.unplaced.length, 0));
  });
});
