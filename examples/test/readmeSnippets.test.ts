// The README's library snippets (one per kind of user) are the files in examples/snippets/:
// each README block equals its file, and each file runs against the sample data and prints
// what its prose says. tsc -p tsconfig.json type-checks the files with the examples.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const snippet = (name: string) => readFileSync(`${root}examples/snippets/${name}.ts`, 'utf8');

/** Runs a snippet (a module with top-level code) and returns the lines it printed. */
async function run(name: string): Promise<string[]> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  await import(`../snippets/${name}.ts`);
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README library snippets (examples/snippets/*.ts)', () => {
  it.each(['architect', 'sales', 'provisioning'])('the README shows examples/snippets/%s.ts exactly, as a ts block', (name) => {
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain('```ts\n' + snippet(name) + '```\n');
  });

  it('architect: one line per host model, each with at least one spare host and a failover verdict', async () => {
    const lines = await run('architect');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const m = /^(\S+): (\d+) hosts \((\d+) for the load\), (\w+) binds, failover (met|not met|not proven)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(Number(m![2])).toBeGreaterThan(Number(m![3])); // N+1: a spare beyond the load
    }
    expect(lines.some((l) => l.endsWith('failover met'))).toBe(true);
  });

  it('sales: plans S, M, L, dearer as they grow, each priced at cost / (1 - 0.35)', async () => {
    const lines = await run('sales');
    const rows = lines.map((l) => /^(\w+): (\d+) a host, cost ([\d.]+), price ([\d.]+) USD a month$/.exec(l)!);
    expect(rows.map((r) => r[1])).toEqual(['S', 'M', 'L']);
    const costs = rows.map((r) => Number(r[3]));
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
    for (const r of rows) expect(Number(r[4])).toBeCloseTo(Number(r[3]) / 0.65, 1);
  });

  it('provisioning: every host rated once, the recommended one first, a reason for each', async () => {
    const lines = await run('provisioning');
    const hosts = JSON.parse(readFileSync(`${root}data/hosts.json`, 'utf8')) as { id: string }[] | { hosts: { id: string }[] };
    const ids = (Array.isArray(hosts) ? hosts : hosts.hosts).map((h) => h.id);
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual([...ids].sort());
    expect(lines[0]).toMatch(/^\S+: recommended, /);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\S+: (cannot take app-new|\d(\.5)? stars vs )/);
  });
});
