import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutProblems, parseHosts, parseVm } from '@hostplan/core';
import { ROOT, run } from './support/run.js';

let dir = '';
let estate = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostplan-moves-'));
  estate = join(dir, 'estate.json');
  expect((await run(['import', 'data/rvtools-vinfo.csv', '--json', estate], ROOT)).code).toBe(0);
});

type MovesJson = { moves: { vm: string; from: string; to: string; wave: number; temporary: boolean; reason: string }[]; end: { vm: string; host: string }[]; reachable: boolean };

/** Every layout during and after each wave of the moves, replayed on the sample farm, breaks nothing. */
function replayFits(r: MovesJson): void {
  const hosts = parseHosts(JSON.parse(readFileSync(join(ROOT, 'data/hosts.json'), 'utf8')));
  const vms = (JSON.parse(readFileSync(estate, 'utf8')) as { vms: Record<string, unknown>[] }).vms.map((v, i) => parseVm(v, `vms[${i}]`));
  const where = new Map(vms.map((v) => [v.id, v.host!]));
  const layout = () => vms.map((v) => ({ vm: v, host: where.get(v.id)! }));
  for (let w = 0; r.moves.some((m) => m.wave === w); w++) {
    const wave = r.moves.filter((m) => m.wave === w);
    expect(layoutProblems(hosts, [...layout(), ...wave.map((m) => ({ vm: vms.find((v) => v.id === m.vm)!, host: m.to }))])).toEqual([]);
    for (const m of wave) where.set(m.vm, m.to);
  }
  expect(new Map(r.end.map((p) => [p.vm, p.host]))).toEqual(where);
}

describe('hostplan moves on the imported RVTools estate', () => {
  it('--drain hv07 moves each of its VMs once, two at a time, and leaves it empty', async () => {
    const r = await run(['moves', '--hosts', 'data/hosts.json', '--current', estate, '--drain', 'hv07', '--json', '-'], ROOT);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as MovesJson;
    const onHv07 = (JSON.parse(readFileSync(estate, 'utf8')) as { vms: { id: string; host: string }[] }).vms.filter((v) => v.host === 'hv07').map((v) => v.id).sort();
    expect(plan.moves.map((m) => m.vm).sort()).toEqual(onHv07);
    expect(plan.moves.every((m) => m.from === 'hv07' && m.reason.startsWith('drain hv07: '))).toBe(true);
    expect(plan.end.some((p) => p.host === 'hv07')).toBe(false);
    expect(Math.max(...plan.moves.map((m) => m.wave)) + 1).toBe(Math.ceil(onHv07.length / 2));
    replayFits(plan);
  });

  it('--target a consolidated plan: every step fits, the end fits on no more hosts than the plan', async () => {
    const target = join(dir, 'target.json');
    await run(['plan', '--hosts', 'data/hosts.json', '--vms', estate, '--json', target], ROOT);
    const r = await run(['moves', '--hosts', 'data/hosts.json', '--current', estate, '--target', target, '--json', '-'], ROOT);
    const plan = JSON.parse(r.out) as MovesJson;
    expect(plan.reachable).toBe(true);
    replayFits(plan);
    const planned = JSON.parse(readFileSync(target, 'utf8')) as { summary: { hostsUsed: number } };
    expect(new Set(plan.end.map((p) => p.host)).size).toBeLessThanOrEqual(planned.summary.hostsUsed);
    const text = await run(['moves', '--hosts', 'data/hosts.json', '--current', estate, '--target', target], ROOT);
    expect(text.out).toMatch(/^To .*target\.json: \d+ live migrations in \d+ waves.*every step fitting; reachable\./);
  });

  it('needs exactly one of --target and --drain, and a known host', async () => {
    expect((await run(['moves', '--hosts', 'data/hosts.json', '--current', estate], ROOT)).err).toMatch(/exactly one of --target PLAN and --drain HOST/);
    expect((await run(['moves', '--hosts', 'data/hosts.json', '--current', estate, '--drain', 'hv99'], ROOT)).err).toMatch(/host: expected the id of a host in hosts, got "hv99"/);
  });
});
