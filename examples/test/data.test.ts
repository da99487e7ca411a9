import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadHosts, loadPolicy, loadVms } from '@hostplan/bench';
import { sampleFiles } from '../../scripts/generate-data.js';

const data = (name: string) => new URL(`../../data/${name}`, import.meta.url);

describe('data/ (sample inputs)', () => {
  it('is exactly what scripts/generate-data.ts writes (run `npm run data` after changing the script)', () => {
    for (const [name, content] of sampleFiles()) {
      const wanted = typeof content === 'string' ? Buffer.from(content) : content;
      expect(readFileSync(data(name)).equals(wanted), `data/${name}`).toBe(true);
    }
  });

  it('is deterministic: two runs of the generator give the same bytes', () => {
    const a = sampleFiles();
    const b = sampleFiles();
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(Buffer.from(v).equals(Buffer.from(b.get(k)!)), k).toBe(true);
  });

  it('loads with hostplan\'s own readers: about 300 VMs, CSV equal to JSON, hosts and policies valid', async () => {
    const json = await loadVms('data/vms.json');
    expect(json.length).toBeGreaterThanOrEqual(280);
    expect(json.length).toBeLessThanOrEqual(320);
    expect(await loadVms('data/vms.csv')).toEqual(json);
    expect((await loadHosts('data/hosts.json')).length).toBeGreaterThan(0);
    for (const p of ['policy-2008-conservative.json', 'policy-modern.json']) await loadPolicy(`data/${p}`);
    // every role of a hosting provider is there
    expect(new Set(json.map((v) => v.role))).toEqual(new Set(['web', 'sql', 'exchange', 'file', 'vdi', 'test', 'domain-controller', 'app', 'linux']));
    // SQL Server pairs share an anti-affinity group, two members each
    const sqlGroups = new Map<string, number>();
    for (const v of json.filter((x) => x.role === 'sql')) for (const g of v.antiAffinity ?? []) sqlGroups.set(g, (sqlGroups.get(g) ?? 0) + 1);
    expect([...sqlGroups.values()].every((n) => n === 2)).toBe(true);
  });
});
