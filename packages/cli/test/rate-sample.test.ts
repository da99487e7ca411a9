import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from './support/run.js';

describe('hostplan rate on the sample farm', () => {
  it('balance: the emptiest host rates at least 2 stars above the fullest that can take the VM, best first, every host explained', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-rate-'));
    const plan = join(dir, 'plan.json');
    const newVm = join(dir, 'new.json');
    // the consolidated layout of the sample VMs: some hosts full, some empty
    expect((await run(['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--json', plan], ROOT)).code).toBe(0);
    writeFileSync(newVm, JSON.stringify([{ id: 'new', vcpus: 1, memoryGB: 1, cpuUtilization: 0.05, iops: 10, networkMbps: 5 }]));
    const r = await run(['rate', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--placed', plan, '--vm', newVm, '--goal', 'balance', '--json', '-'], ROOT);
    expect(r.code).toBe(0);
    const { ratings, recommended } = JSON.parse(r.out) as { recommended: string; ratings: { host: string; stars: number; score: number; explanation: string }[] };
    const { hosts } = JSON.parse((await import('node:fs')).readFileSync(plan, 'utf8')) as { hosts: { id: string; vms: string[] }[] };
    const count = new Map(hosts.map((h) => [h.id, h.vms.length]));
    const suitable = ratings.filter((x) => x.stars > 0);
    const emptiest = suitable.reduce((a, b) => (count.get(b.host)! < count.get(a.host)! ? b : a));
    const fullest = suitable.reduce((a, b) => (count.get(b.host)! > count.get(a.host)! ? b : a));
    expect(count.get(emptiest.host)).toBe(0);
    expect(count.get(fullest.host)).toBeGreaterThan(0);
    expect(emptiest.stars - fullest.stars).toBeGreaterThanOrEqual(2);
    expect(recommended).toBe(ratings[0]!.host);
    for (let i = 1; i < ratings.length; i++) expect(ratings[i]!.score).toBeLessThanOrEqual(ratings[i - 1]!.score);
    for (const x of ratings) expect(x.explanation).not.toBe('');
  });
});
