import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importInventory, parseInventory } from '@hostplan/bench';
import { inventoryToGB, matchInventoryColumns, RVTOOLS_COLUMNS } from '../../src/inventory/imports/index.js';
import { thrown } from '../support/thrown.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (name: string) => readFile(join(fixtures, name), 'utf8');

describe('RVTools vInfo', () => {
  it('reads running VMs, converts MiB to GB, and lists what it left out', async () => {
    const r = parseInventory(await fixture('rvtools-vinfo.csv'), 'vInfo.csv');
    expect(r.format).toBe('rvtools');
    expect(r.vms).toEqual([
      // Memory 4,096 MiB / 1,024 = 4 GB; Provisioned 40,960 MiB / 1,024 = 40 GB
      // Host and Cluster kept: where each VM runs today
      { id: 'web-01', vcpus: 2, memoryGB: 4, diskGB: 40, guestOS: 'Microsoft Windows Server 2008 R2 (64-bit)', host: 'esx01.corp.example', cluster: 'CL-PROD' },
      // 32,768 / 1,024 = 32 GB; 512,000 / 1,024 = 500 GB; no configured OS, so the VMware Tools one
      { id: 'sql-01', vcpus: 8, memoryGB: 32, diskGB: 500, guestOS: 'Microsoft Windows Server 2012 (64-bit)', host: 'esx02.corp.example', cluster: 'CL-PROD' },
      // a second web-01 (another vCenter): renamed; 6,144 / 1,024 = 6 GB
      { id: 'web-01#2', vcpus: 2, memoryGB: 6, diskGB: 40, guestOS: 'Microsoft Windows Server 2008 R2 (64-bit)', host: 'esx12.corp.example', cluster: 'CL-DR' },
    ]);
    expect(r.excluded).toEqual([
      { id: 'old-app', line: 4, reason: 'powered-off', state: 'poweredOff' },
      { id: 'w2k8-gold', line: 5, reason: 'template', state: 'poweredOff' },
      { id: 'dr-web-01', line: 6, reason: 'srm-placeholder', state: 'poweredOff' },
      { id: 'batch-01', line: 7, reason: 'powered-off', state: 'suspended' },
    ]);
    expect(r.renamed).toEqual([{ from: 'web-01', to: 'web-01#2', line: 8 }]);
    expect(r.ignoredColumns).toEqual(['Config status', 'DNS Name', 'NICs', 'Disks', 'In Use MiB', 'Annotation', 'Datacenter', 'VM ID', 'VI SDK Server']);
    expect(r.columns).toMatchObject({ id: 'VM', vcpus: 'CPUs', memoryGB: 'Memory', diskGB: 'Provisioned MiB', guestOS: 'OS according to the configuration file' });
    expect(r.assumptions.map((a) => [a.name, a.value, a.isDefault])).toEqual([
      ['import.memoryGB', 'Memory', true],
      ['import.diskGB', 'Provisioned MiB', true],
      ['import.includePoweredOff', false, true],
      ['import.host', 'Host', true],
      ['import.includeTemplates', false, true],
    ]);
  });

  it('keeps powered-off VMs and templates when asked', async () => {
    const text = await fixture('rvtools-vinfo.csv');
    const off = parseInventory(text, 'vInfo.csv', { includePoweredOff: true });
    expect(off.vms.map((v) => v.id)).toEqual(['web-01', 'sql-01', 'old-app', 'batch-01', 'web-01#2']);
    expect(off.excluded.map((e) => e.reason)).toEqual(['template', 'srm-placeholder']);
    const all = parseInventory(text, 'vInfo.csv', { includePoweredOff: true, includeTemplates: true });
    expect(all.vms).toHaveLength(7);
    expect(all.excluded).toEqual([]);
  });

  it('reads the vInfo-prefixed command-line export, ;-separated with CRLF line ends', async () => {
    const r = parseInventory(await fixture('rvtools-vinfo-cli.csv'), 'cli.csv');
    expect(r.format).toBe('rvtools');
    // 12,288 / 1,024 = 12 GB; 81,920 / 1,024 = 80 GB
    expect(r.vms).toEqual([{ id: 'app-7', vcpus: 4, memoryGB: 12, diskGB: 80, guestOS: 'CentOS 4/5/6/7 (64-bit)', host: 'esx03' }]);
    expect(r.excluded).toEqual([{ id: 'app-8', line: 3, reason: 'powered-off', state: 'poweredOff' }]);
    expect(r.ignoredColumns).toEqual([]);
  });

  it('a ;-separated file (Excel on a European locale) reads decimal commas', () => {
    const r = parseInventory('VM;Powerstate;CPUs;Memory;Provisioned MiB\nx;poweredOn;2;4.096;20.480,5\n', 'eu.csv');
    // 4.096 = 4,096 MiB = 4 GB; 20.480,5 MiB / 1,024 = 20.00048828125 GB
    expect(r.vms).toEqual([{ id: 'x', vcpus: 2, memoryGB: 4, diskGB: 20.0004882813 }]);
  });

  it('older releases: "Provisioned MB" and thousands separators', () => {
    const r = parseInventory('VM,Powerstate,CPUs,Memory,Provisioned MB\n"big","poweredOn","16","262,144","2,097,152"\n', 'old.csv');
    // 262,144 / 1,024 = 256 GB; 2,097,152 / 1,024 = 2,048 GB
    expect(r.vms).toEqual([{ id: 'big', vcpus: 16, memoryGB: 256, diskGB: 2048 }]);
  });
});

describe('Hyper-V Get-VM | Export-Csv', () => {
  it('reads the #TYPE export: bytes to GB, Off and Saved left out, object-valued columns ignored', async () => {
    const r = parseInventory(await fixture('hyperv-getvm.csv'), 'getvm.csv');
    expect(r.format).toBe('hyperv');
    expect(r.vms).toEqual([
      // MemoryStartup 4,294,967,296 B / 1,073,741,824 = 4 GB
      { id: 'dc-01', vcpus: 2, memoryGB: 4, host: 'HV01' },
      // MemoryStartup 2,147,483,648 B = 2 GB (Dynamic Memory: assigned 9 GB at export time, see assumptions); ComputerName is its host
      { id: 'fs-01', vcpus: 4, memoryGB: 2, host: 'HV01' },
    ]);
    expect(r.excluded).toEqual([
      { id: 'lab-01', line: 5, reason: 'powered-off', state: 'Off' },
      { id: 'rdp-01', line: 6, reason: 'powered-off', state: 'Saved' },
    ]);
    expect(r.columns).toMatchObject({ id: 'Name', vcpus: 'ProcessorCount', memoryGB: 'MemoryStartup' });
    expect(r.ignoredColumns).toContain('VMName');
    expect(r.ignoredColumns).toContain('Processor');
    expect(r.ignoredColumns).not.toContain('Name');
    expect(r.assumptions.find((a) => a.name === 'import.dynamicMemory')?.value).toBe('MemoryStartup');
  });

  it('falls back to MemoryAssigned when MemoryStartup is empty', () => {
    const r = parseInventory('"Name","State","ProcessorCount","MemoryAssigned","MemoryStartup"\n"x","Running","2","3221225472",""\n', 'g.csv');
    // 3,221,225,472 B = 3 GB
    expect(r.vms).toEqual([{ id: 'x', vcpus: 2, memoryGB: 3 }]);
  });
});

describe("hostplan's own CSV", () => {
  it('reads Vm fields and aliases, memoryMB to GB, lists unknown columns once', async () => {
    const r = parseInventory(await fixture('hostplan-vms.csv'), 'vms.csv');
    expect(r.format).toBe('hostplan');
    expect(r.vms).toEqual([
      // 6,144 MB / 1,024 = 6 GB
      { id: 'web-01', vcpus: 2, memoryGB: 6, diskGB: 40, role: 'web', antiAffinity: ['web', 'edge'] },
      { id: 'web-02', vcpus: 2, memoryGB: 4, diskGB: 40, role: 'web', antiAffinity: ['web'] },
    ]);
    expect(r.excluded).toEqual([{ id: 'spare-01', line: 4, reason: 'powered-off', state: 'off' }]);
    expect(r.ignoredColumns).toEqual(['owner']);
  });
});

describe('errors name file, line, column and field', () => {
  it.each([
    ['a non-number', 'VM,Powerstate,CPUs,Memory\nweb,poweredOn,two,4096\n', 'vInfo.csv:2:3: CPUs: expected a number, got "two"'],
    ['zero vCPUs (core rule)', 'VM,Powerstate,CPUs,Memory\nweb,poweredOn,0,4096\n', 'vInfo.csv:2:3: CPUs (vcpus): expected a whole number >= 1, got 0'],
    ['no memory', 'VM,Powerstate,CPUs,Memory\nweb,poweredOn,2,\n', 'vInfo.csv:2:4: Memory (memoryGB): is required'],
    ['a bad Template cell', 'VM,Powerstate,Template,CPUs,Memory\nweb,poweredOn,maybe,2,4096\n', 'vInfo.csv:2:3: Template: expected True or False, got "maybe"'],
    ['an empty VM name', 'VM,Powerstate,CPUs,Memory\n,poweredOn,2,4096\n', 'vInfo.csv:2:1: VM: expected a VM name, got an empty cell'],
    ['a short row', 'VM,Powerstate,CPUs,Memory\nweb,poweredOn,2\n', 'vInfo.csv:2:4: expected 4 cells as in the header, got 3'],
    ['an open quote', 'VM,Powerstate,CPUs,Memory\n"web,poweredOn,2,4096\n', 'vInfo.csv:2: invalid CSV: Quote Not Closed'],
  ])('%s', (_what, text, message) => {
    expect(thrown(() => parseInventory(text, 'vInfo.csv')).message).toContain(message);
  });

  it('a missing column names the aliases it looked for', () => {
    const e = thrown(() => parseInventory('VM,Powerstate,Memory\nweb,poweredOn,4096\n', 'vInfo.csv', { format: 'rvtools' }));
    expect(e.code).toBe('missing-field');
    expect(e.message).toBe('vInfo.csv:1: no vCPU count column: expected one of "CPUs", "vInfoCPUs", "# CPUs", "Num CPUs"');
  });

  it('an unrecognisable header asks for --format', () => {
    expect(thrown(() => parseInventory('a,b\n1,2\n', 'x.csv')).message).toMatch(/^x\.csv:1: cannot tell the format.*--format/);
  });
});

describe('files and encodings', () => {
  it('importInventory reads UTF-16LE with a byte-order mark (as some Windows tools write)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hostplan-inv-'));
    try {
      const text = '#TYPE Microsoft.HyperV.PowerShell.VirtualMachine\r\n"Name","State","ProcessorCount","MemoryStartup"\r\n"Ünïcode-vm","Running","2","1073741824"\r\n';
      await writeFile(join(dir, 'vms.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const r = await importInventory('vms.csv', {}, dir);
      expect(r.vms).toEqual([{ id: 'Ünïcode-vm', vcpus: 2, memoryGB: 1 }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('properties', () => {
  const row = fc.record({
    vcpus: fc.integer({ min: 1, max: 64 }),
    memoryMB: fc.integer({ min: 1, max: 4096 }).map((n) => n * 256),
    state: fc.constantFrom('poweredOn', 'poweredOff', 'suspended'),
    template: fc.boolean(),
  });

  it('every row is either a VM or an excluded entry, and memory is MiB / 1,024', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.boolean(), fc.boolean(), (rows, includePoweredOff, includeTemplates) => {
        const text = ['VM,Powerstate,Template,CPUs,Memory', ...rows.map((r, i) => `vm${i},${r.state},${r.template ? 'True' : 'False'},${r.vcpus},${r.memoryMB}`)].join('\n');
        const out = parseInventory(text, 'p.csv', { includePoweredOff, includeTemplates });
        expect(out.vms.length + out.excluded.length).toBe(rows.length);
        for (const vm of out.vms) {
          const r = rows[Number(vm.id.slice(2))]!;
          expect(vm.memoryGB).toBe(r.memoryMB / 1024);
          expect(vm.vcpus).toBe(r.vcpus);
          if (!includeTemplates) expect(r.template).toBe(false);
          if (!includePoweredOff) expect(r.state).toBe('poweredOn');
        }
      }),
      { numRuns: 100 },
    );
  });

  it('column order does not change the result (metamorphic)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
        const header = ['VM', 'Powerstate', 'Template', 'CPUs', 'Memory', 'Host'];
        const cells = rows.map((r, i) => [`vm${i}`, r.state, String(r.template), String(r.vcpus), String(r.memoryMB), `esx${i}`]);
        const order = header.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        const write = (o: number[]) => [o.map((i) => header[i]).join(','), ...cells.map((c) => o.map((i) => c[i]).join(','))].join('\n');
        const a = parseInventory(write(header.map((_, i) => i)), 'a.csv', { format: 'rvtools' });
        const b = parseInventory(write(order), 'a.csv', { format: 'rvtools' });
        expect(b.vms).toEqual(a.vms);
        expect(b.excluded).toEqual(a.excluded);
      }),
      { numRuns: 50 },
    );
  });

  it('inventoryToGB and matchInventoryColumns: worked examples', () => {
    expect(inventoryToGB(1536, 'MB')).toBe(1.5); // 1,536 / 1,024
    expect(inventoryToGB(1610612736, 'bytes')).toBe(1.5); // 1.5 x 1,073,741,824
    expect(matchInventoryColumns(['vm', '# CPUs', 'MEMORY', 'Host', 'Host'], RVTOOLS_COLUMNS).ignored).toEqual(['Host']); // the second Host
  });
});
