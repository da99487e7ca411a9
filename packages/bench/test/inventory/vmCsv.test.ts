import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInventory } from '@hostplan/bench';
import { INVENTORY_COLUMNS } from '../../src/inventory/imports/columns.js';
import { parseVmCsv } from '../../src/inventory/vmCsv.js';
import { thrown } from '../support/thrown.js';

describe('parseVmCsv(text, file): the one reader of hostplan VM CSV', () => {
  it.each([
    ['id,vcpus,memoryGB', 'web1,2,4'],
    ['name,cpus,memory', 'web1,2,4'],
    ['vm,vcpu,memoryGB', 'web1,2,4 GB'],
    ['VM,vCPUs,memoryMB', 'web1,2,4096'],
    ['ID,VCPUS,Memory GB', 'web1,2,4'],
  ])('reads header %s as id, vcpus and memoryGB', (header, row) => {
    expect(parseVmCsv(`${header}\n${row}\n`, 'vms.csv')).toEqual([{ id: 'web1', vcpus: 2, memoryGB: 4 }]);
  });

  it('reads the disk and guest OS aliases and the pass-through fields', () => {
    const vms = parseVmCsv('id,vcpus,memoryGB,disk,os,role,antiAffinity,cpuUtilization\nsql-a,4,16 GB,100,Windows Server 2019,db,sql;ha,0.4\n', 'vms.csv');
    expect(vms).toEqual([{ id: 'sql-a', vcpus: 4, memoryGB: 16, diskGB: 100, guestOS: 'Windows Server 2019', role: 'db', antiAffinity: ['sql', 'ha'], cpuUtilization: 0.4 }]);
  });

  it('keeps a powered-off VM and a template (loadVms plans every row)', () => {
    const vms = parseVmCsv('id,vcpus,memoryGB,state,template\na,1,2,off,true\nb,1,2,on,false\n', 'vms.csv');
    expect(vms.map((v) => v.id)).toEqual(['a', 'b']);
  });

  it('reads the same VMs as hostplan import does for every hostplan alias of every field', () => {
    const rules = INVENTORY_COLUMNS.hostplan;
    const pick = (field: string) => fc.constantFrom(...rules.find((r) => r.field === field)!.names);
    fc.assert(
      fc.property(pick('id'), pick('vcpus'), fc.constantFrom('memoryGB', 'memory'), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 512 }), (id, vcpus, memory, cpus, gb) => {
        const text = `${id},${vcpus},${memory}\nvm-1,${cpus},${gb}\n`;
        const strict = parseVmCsv(text, 'vms.csv');
        expect(strict).toEqual([{ id: 'vm-1', vcpus: cpus, memoryGB: gb }]);
        expect(parseInventory(text, 'vms.csv', { format: 'hostplan' }).vms).toEqual(strict);
      }),
    );
  });
});

describe('parseVmCsv errors name file:line:column', () => {
  it.each([
    ['a bad vCPU count', 'id,vcpus,memoryGB\nweb,two,4\n', 'vms.csv:2:2', 'vms.csv:2:2: vcpus: expected a number, got "two"'],
    ['a core rule, through an alias', 'name,cpus,memoryGB\nweb,0,4\n', 'vms.csv:2:2', 'vms.csv:2:2: cpus (vcpus): expected a whole number >= 1, got 0'],
    ['a bad unit string', 'id,vcpus,memoryGB\nweb,2,4 parsecs\n', 'vms.csv:2:3', 'vms.csv:2:3: memoryGB: cannot read "4 parsecs" as a quantity in GB'],
    ['an empty id', 'id,vcpus,memoryGB\n,2,4\n', 'vms.csv:2:1', 'vms.csv:2:1: id: expected a VM name, got an empty cell'],
    ['a repeated id', 'id,vcpus,memoryGB\nweb,2,4\ndb,2,4\nweb,1,2\n', 'vms.csv:4:1', 'vms.csv:4:1: duplicate id "web" (first at line 2)'],
    ['an unknown column', 'id,vcpus,memoryGB,owner\nweb,2,4,me\n', 'vms.csv:1:4', undefined],
    ['a short row', 'id,vcpus,memoryGB\nweb,2\n', 'vms.csv:2:3', 'vms.csv:2:3: expected 3 cells as in the header, got 2'],
    ['an unknown power state', 'id,vcpus,memoryGB,state\nweb,2,4,Broken\n', 'vms.csv:2:4', 'vms.csv:2:4: state: unknown power state "Broken"; expected a running state (poweredOn, Running, Paused, on) or an off one (poweredOff, suspended, Off, Saved, off)'],
  ])('%s', (_what, text, path, message) => {
    const e = thrown(() => parseVmCsv(text, 'vms.csv'));
    expect(e.path).toBe(path);
    if (message !== undefined) expect(e.message).toBe(message);
  });

  it('an unknown column lists the names it knows', () => {
    const e = thrown(() => parseVmCsv('id,vcpus,memoryGB,owner\nweb,2,4,me\n', 'vms.csv'));
    expect(e.code).toBe('unknown-field');
    expect(e.message).toMatch(/^vms\.csv:1:4: unknown column "owner"; expected one of id, name, vm, vcpus, cpus, vcpu, memoryGB, memory, memoryMB/);
  });

  it('a missing memory column names every alias it looked for', () => {
    expect(thrown(() => parseVmCsv('id,vcpus\nweb,2\n', 'vms.csv')).message).toBe('vms.csv:1: no memory column: expected one of "memoryGB", "memory", "memoryMB"');
  });

  it('an RVTools export is refused rather than read as GB', () => {
    const e = thrown(() => parseVmCsv('VM,Powerstate,CPUs,Memory\nweb,poweredOn,2,4096\n', 'vInfo.csv'));
    expect(e.path).toBe('vInfo.csv:1');
    expect(e.message).toMatch(/RVTools vInfo export.*hostplan import/);
  });
});
