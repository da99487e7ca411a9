import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './support/run.js';

let dir = '';
let estate = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostplan-current-'));
  estate = join(dir, 'estate.json');
  // the sample RVTools vInfo export: 302 VMs with their Host and Cluster
  expect((await run(['import', 'data/rvtools-vinfo.csv', '--json', estate], ROOT)).code).toBe(0);
});

describe('hostplan import -> plan --current', () => {
  it('keeps each VM\'s host and cluster from RVTools and checks that layout without moving anything', async () => {
    const vms = (JSON.parse(readFileSync(estate, 'utf8')) as { vms: { id: string; host?: string; cluster?: string }[] }).vms;
    expect(vms).toHaveLength(302);
    expect(vms.every((v) => /^hv\d\d$/.test(v.host ?? '') && v.cluster === 'CL-HOSTING')).toBe(true);
    const r = await run(['plan', '--hosts', 'data/hosts.json', '--current', estate, '--failover', '1', '--json', '-'], ROOT);
    const plan = JSON.parse(r.out) as { placements: { vm: string; host: string }[]; fits: boolean; problems: unknown[]; failover: { met: boolean } };
    expect(new Map(plan.placements.map((p) => [p.vm, p.host]))).toEqual(new Map(vms.map((v) => [v.id, v.host])));
    expect(plan.problems).toEqual([]);
    expect(plan.fits).toBe(true);
    expect(r.code).toBe(plan.failover.met ? 0 : 1);
  });

  it('--remove-host moves only that host\'s VMs; --growth adds copies; an overloaded host is named', async () => {
    const vms = (JSON.parse(readFileSync(estate, 'utf8')) as { vms: { id: string; host: string }[] }).vms;
    const onHv07 = vms.filter((v) => v.host === 'hv07').map((v) => v.id).sort();
    const r = await run(['plan', '--hosts', 'data/hosts.json', '--current', estate, '--remove-host', 'hv07', '--json', '-'], ROOT);
    const plan = JSON.parse(r.out) as { placements: { vm: string; host: string }[]; placedByWhatIf: { vm: string; host: string }[] };
    expect(plan.placedByWhatIf.map((p) => p.vm).sort()).toEqual(onHv07);
    for (const p of plan.placements) if (!onHv07.includes(p.vm)) expect(p.host).toBe(vms.find((v) => v.id === p.vm)!.host);
    const grown = JSON.parse((await run(['plan', '--hosts', 'data/hosts.json', '--current', estate, '--growth', '0.1', '--json', '-'], ROOT)).out) as { placements: unknown[]; unplaced: unknown[] };
    // ceil(302 x 1.1) = 333 VMs in all
    expect(grown.placements.length + grown.unplaced.length).toBe(333);
    // every VM on hv01: far beyond its memory
    writeFileSync(join(dir, 'crowded.json'), JSON.stringify({ vms: vms.map((v) => ({ ...v, host: 'hv01' })) }));
    const crowded = await run(['plan', '--hosts', 'data/hosts.json', '--current', join(dir, 'crowded.json')], ROOT);
    expect(crowded.code).toBe(1);
    expect(crowded.out).toMatch(/it does NOT fit/);
    expect(crowded.out).toMatch(/host hv01: memory [\d,]+ MB used of 97,792 MB/);
  });

  it('refuses what-if options without --current, and a layout with no host', async () => {
    expect((await run(['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--remove-host', 'hv01'], ROOT)).err).toMatch(/need --current FILE/);
    expect((await run(['plan', '--hosts', 'data/hosts.json', '--current', 'data/vms.json'], ROOT)).err).toMatch(/no VM has a host/);
    expect((await run(['plan', '--hosts', 'data/hosts.json', '--current', estate, '--remove-host', 'hv99'], ROOT)).err).toMatch(/removeHosts\[0\]: expected the id of a host in hosts, got "hv99"/);
  });
});
