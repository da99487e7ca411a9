import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inventoryEntityResolver, loadVms, measureDemand, readPerfFile } from '@hostplan/bench';

describe('inventoryEntityResolver(ids)', () => {
  it.each([
    ['web-01', 'web-01'], //                          exact
    ['WEB-01', 'web-01'], //                          case-insensitive
    ['D:-VMs-web-01-web-01.vhd', 'web-01'], //        a VHD path containing the id as a token
    ['D:-VMs-web-011-disk0.vhdx', 'web-011'], //      the longer id wins over its prefix web-01
    ['C:\\ClusterStorage\\Volume1\\sql-01a\\sql-01a.vhdx', 'sql-01a'],
    ['web-012', 'web-012'], //                        web-01 is not a whole token of web-012: unchanged
    ['backup', 'backup'],
  ])('resolves %j to %j', (entity, expected) => {
    expect(inventoryEntityResolver(['web-01', 'web-011', 'sql-01a'])(entity)).toBe(expected);
  });

  it('returns an inventory id or the entity unchanged, never anything else', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { maxLength: 8 }), fc.string({ maxLength: 30 }), (ids, entity) => {
      const out = inventoryEntityResolver(ids)(entity);
      expect(out === entity || ids.includes(out)).toBe(true);
    }));
  });

  it('gives the answers of a regex per id, longest first, on random ids and entities (property)', () => {
    // the former implementation: /(^|[^a-z0-9])id($|[^a-z0-9])/ on the lower-cased entity, ids by length then name
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const reference = (ids: readonly string[], entity: string): string => {
      const lower = entity.toLowerCase();
      const exact = ids.find((id) => id.toLowerCase() === lower);
      if (exact !== undefined) return exact;
      const sorted = [...ids].sort((a, b) => b.length - a.length || a.localeCompare(b));
      return sorted.find((id) => new RegExp(`(^|[^a-z0-9])${escape(id.toLowerCase())}($|[^a-z0-9])`).test(lower)) ?? entity;
    };
    const unit = fc.constantFrom('a', 'b', 'A', 'B', '0', '1', '-', '.', '_', ' ', ':', '\\', 'é', 'İ', '*', '(', '$');
    const text = (max: number) => fc.array(unit, { maxLength: max }).map((u) => u.join(''));
    fc.assert(fc.property(fc.uniqueArray(text(4), { maxLength: 6, selector: (s) => s.toLowerCase() }), fc.array(text(14), { minLength: 1, maxLength: 5 }), (ids, entities) => {
      const resolve = inventoryEntityResolver(ids);
      for (const e of entities) expect(resolve(e)).toBe(reference(ids, e));
      // ids appearing as tokens in a path, as a storage device names them
      for (const id of ids) expect(resolve(`C:-VMs-${id}-disk.vhdx`)).toBe(reference(ids, `C:-VMs-${id}-disk.vhdx`));
      // several ids in one path: the longest wins, ties by localeCompare
      expect(resolve(`C:-${ids.join('-')}.vhdx`)).toBe(reference(ids, `C:-${ids.join('-')}.vhdx`));
      expect(resolve(`C:-${[...ids].reverse().join(' ')}`)).toBe(reference(ids, `C:-${[...ids].reverse().join(' ')}`));
    }), { numRuns: 2000 });
  });
});

describe('measureDemand with a VM inventory', () => {
  it('joins per-VM storage device counters (keyed by VHD path) to their VM', async () => {
    const data = (f: string) => fileURLToPath(new URL(`../../../../data/${f}`, import.meta.url));
    const inventory = await loadVms(data('vms.json'));
    const r = await measureDemand((sink) => readPerfFile(data('perf/hv01.csv'), sink).then(() => undefined), { inventory });
    const ids = r.vms.map((v) => v.id).sort();
    // every measured VM is an inventory VM: no VHD path left over as a VM of its own
    expect(ids.every((id) => inventory.some((v) => v.id === id))).toBe(true);
    expect(ids).toHaveLength(11);
    const sql = r.vms.find((v) => v.id === 'sql-01a')!;
    expect(sql.demand.iops).toBeGreaterThan(0);
    expect(r.assumptions.some((a) => a.name === 'demand.entityResolution')).toBe(true);
  });
});
