import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { loadHosts, loadVms, parseInventory } from '@hostplan/bench';
import { decodeInventoryBytes } from '../../src/inventory/imports/readCsv.js';
import { parseCsvRows } from '../../src/inventory/load.js';

/**
 * Fuzz suites of the inventory inputs (exports, hostplan CSV, compact cells): any text gives
 * VMs or a HostplanError naming the file (and line, and column where there is one), never
 * another exception; decoding never invents U+FFFD.
 */

const LOCATED = (file: string) => new RegExp(`^${file.replace(/\./g, '\\.')}:\\d+(:\\d+)?(: |$)`);

function outcome<T>(f: () => T): T | HostplanError {
  try {
    return f();
  } catch (e) {
    if (e instanceof HostplanError) return e;
    throw e;
  }
}

const HEADERS = ['VM', 'Powerstate', 'Template', 'SRM Placeholder', 'CPUs', 'Memory', 'Provisioned MiB', 'Name', 'State', 'ProcessorCount', 'MemoryStartup', 'MemoryAssigned', 'id', 'vcpus', 'memoryGB', 'memoryMB', 'diskGB', 'iops', 'networkMbps', 'antiAffinity', '__proto__', 'toString', ''];
const CELLS = ['web1', 'poweredOn', 'poweredOff', 'Off', 'Saved', 'True', 'False', 'maybe', '2', '0', '-1', '4096', '8,192', '21.504,5', '1e308', 'NaN', '4 GB', '256 Gb', '"q,uoted"', '"', '', ' '];
const sep = fc.constantFrom(',', ';', '\t');
const shapedCsv = fc
  .tuple(fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 7 }), fc.array(fc.array(fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 6 })), { maxLength: 8 }), { maxLength: 6 }), sep, fc.boolean())
  .map(([header, rows, d, typeLine]) => [...(typeLine ? ['#TYPE Microsoft.HyperV.PowerShell.VirtualMachine'] : []), header.join(d), ...rows.map((r) => r.join(d))].join('\n'));

describe('inventory exports: fuzzed text never crashes with anything but a located HostplanError', () => {
  it('parseInventory on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const r = outcome(() => parseInventory(text, 'inv.csv'));
      if (r instanceof HostplanError) expect(r.message).toMatch(LOCATED('inv.csv'));
    }), { numRuns: 400 });
  });

  it('parseInventory on export-shaped text: known headers, repeated ones, odd cells, any delimiter', () => {
    fc.assert(fc.property(shapedCsv, fc.boolean(), (text, includeAll) => {
      const r = outcome(() => parseInventory(text, 'inv.csv', { includePoweredOff: includeAll, includeTemplates: includeAll }));
      if (r instanceof HostplanError) {
        expect(r.message).toMatch(LOCATED('inv.csv'));
        return;
      }
      for (const vm of r.vms) {
        expect(vm.vcpus >= 1 && Number.isFinite(vm.memoryGB) && vm.memoryGB > 0).toBe(true);
      }
    }), { numRuns: 400 });
  });

  it('parseCsvRows on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const r = outcome(() => parseCsvRows(text, 'vms.csv'));
      if (r instanceof HostplanError) expect(r.message).toMatch(LOCATED('vms.csv'));
    }), { numRuns: 400 });
  });

  it('decodeInventoryBytes never gives U+FFFD for bytes that do not spell it', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const r = outcome(() => decodeInventoryBytes(bytes, 'inv.csv'));
      if (r instanceof HostplanError) {
        expect(r.path).toBe('inv.csv:1:1');
        return;
      }
      const spelled = r.encoding !== 'windows-1252' && /\uFFFD/.test(new TextDecoder(r.encoding).decode(bytes));
      if (!spelled) expect(r.text).not.toContain('\uFFFD');
    }), { numRuns: 500 });
  });
});

describe('hosts and VMs CSV files: fuzzed rows give hosts, VMs or a located HostplanError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostplan-fuzz-inventory-'));
  let n = 0;
  const write = (text: string) => {
    const name = `f${n++}.csv`;
    writeFileSync(join(dir, name), text);
    return name;
  };
  const nics = fc.oneof(fc.constantFrom('guest:10x2', 'guest:10x0', 'management:1;guest:0', 'storage:1e400', 'wifi:1', ''), fc.string({ maxLength: 8 }));
  const disks = fc.oneof(fc.constantFrom('8x600@180 raid5', '0x600@180 raid5', '8x600@0 raid5', '8x600@180 raid7', '2x1@1 raid1 1.5', ''), fc.string({ maxLength: 8 }));
  const num = fc.oneof(fc.constantFrom('2', '0', '-1', '1.5', '3 GHz', '64 GB', '256 Gb', '1e308', 'x', ''), fc.string({ maxLength: 4 }));

  it('hosts.csv with compact NIC and disk cells', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(num, num, num, num, nics, disks), { minLength: 1, maxLength: 3 }), async (rows) => {
      const text = ['id,sockets,coresPerSocket,clockGHz,memoryGB,nics,storage.disks', ...rows.map((r, i) => [`h${i}`, ...r.map((c) => (/[,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))].join(','))].join('\n');
      const file = write(text);
      const r = await loadHosts(file, dir).then((x) => x, (e: unknown) => e);
      if (r instanceof Error) {
        expect(r).toBeInstanceOf(HostplanError);
        expect(r.message).toMatch(LOCATED(file));
        return;
      }
      for (const h of r as Awaited<ReturnType<typeof loadHosts>>) {
        for (const nic of h.nics ?? []) expect(nic.gbps > 0 && nic.ports >= 1).toBe(true);
        for (const d of h.storage?.disks ?? []) expect(d.count >= 1 && d.iopsPerDisk > 0 && d.sizeGB > 0).toBe(true);
      }
    }), { numRuns: 150 });
  });

  it('vms.csv with arbitrary headers and cells', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom('id', 'vcpus', 'memoryGB', 'diskGB', 'iops', '__proto__', 'constructor', 'storage.iops'), { minLength: 1, maxLength: 5 }), fc.array(fc.array(num, { maxLength: 6 }), { maxLength: 3 }), async (header, rows) => {
      const file = write([header.join(','), ...rows.map((r) => r.map((c) => (/[,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\n'));
      const r = await loadVms(file, dir).then((x) => x, (e: unknown) => e);
      if (r instanceof Error) {
        expect(r).toBeInstanceOf(HostplanError);
        expect(r.message).toMatch(LOCATED(file));
      }
    }), { numRuns: 150 });
  });
});
