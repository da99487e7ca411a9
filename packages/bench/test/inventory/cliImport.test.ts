// `hostplan import` end to end through the CLI's main(), against the hand-written fixtures.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadVms } from '@hostplan/bench';
import { main, type Io } from '@hostplan/cli';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

function io(cwd = fixtures) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: { write: (c: string) => out.push(c) }, stderr: { write: (c: string) => err.push(c) }, cwd, isTTY: false };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

describe('hostplan import', () => {
  it('--json - writes { vms, import } that loadVms reads back', async () => {
    const t = io();
    expect(await main(['import', 'rvtools-vinfo.csv', '--json', '-'], t.io)).toBe(0);
    const doc = JSON.parse(t.out()) as { vms: { id: string }[]; import: { format: string; excluded: unknown[]; ignoredColumns: string[] } };
    expect(doc.vms.map((v) => v.id)).toEqual(['web-01', 'sql-01', 'web-01#2']);
    expect(doc.import.format).toBe('rvtools');
    expect(doc.import.excluded).toHaveLength(4);
    const dir = await mkdtemp(join(tmpdir(), 'hostplan-import-'));
    try {
      const t2 = io(dir);
      expect(await main(['import', join(fixtures, 'hyperv-getvm.csv'), '--include-powered-off', '--json', 'out/vms.json'], t2.io)).toBe(0);
      const vms = await loadVms('out/vms.json', dir);
      expect(vms.map((v) => [v.id, v.memoryGB])).toEqual([['dc-01', 4], ['fs-01', 2], ['lab-01', 1], ['rdp-01', 3]]);
      expect(JSON.parse(await readFile(join(dir, 'out/vms.json'), 'utf8')).import.excluded).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints the VMs, what was left out, ignored columns and assumptions', async () => {
    const t = io();
    expect(await main(['import', 'hostplan-vms.csv'], t.io)).toBe(0);
    expect(t.out()).toContain('Imported 2 VMs from hostplan-vms.csv (hostplan)');
    expect(t.out()).toMatch(/spare-01\s+4\s+powered-off\s+off/);
    expect(t.out()).toContain('Columns ignored: owner');
    expect(t.out()).toContain('import.includePoweredOff = false');
  });

  it('bad input exits 2 with one line naming file:line:column', async () => {
    const t = io();
    expect(await main(['import', 'hostplan-vms.csv', '--format', 'rvtools'], t.io)).toBe(2);
    expect(t.err()).toBe('hostplan import: hostplan-vms.csv:1: no VM name column: expected one of "VM", "vInfoVMName", "VM Name"\n');
    const u = io();
    expect(await main(['import'], u.io)).toBe(2);
    expect(u.err()).toContain('import needs exactly one FILE');
    const f = io();
    expect(await main(['import', 'x.csv', '--format', 'xls'], f.io)).toBe(2);
    expect(f.err()).toContain('invalid --format: "xls"');
  });
});
