import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostplanError, parseCatalog } from '@hostplan/core';
import { importInventory, loadHosts, loadVms, parseInventory } from '@hostplan/bench';

const dir = mkdtempSync(join(tmpdir(), 'hostplan-hostile-inventory-'));
const file = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(dir, name), content);
  return name;
};
async function rejection(p: Promise<unknown>): Promise<HostplanError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e, 'expected a HostplanError').toBeInstanceOf(HostplanError);
  return e as HostplanError;
}

const HOST_HEAD = 'id,sockets,coresPerSocket,clockGHz,memoryGB,nics,storage.disks\n';

describe('compact NIC and disk cells are validated as their JSON forms are', () => {
  it.each([
    ['guest:10x0', '', /^hosts\.csv:2:6: nics\[0\]\.ports: expected .*>= 1, got 0/],
    ['guest:0', '', /^hosts\.csv:2:6: nics\[0\]\.gbps: expected .*> 0.*, got 0/],
    ['', '0x600@180 raid5', /^hosts\.csv:2:7: storage\.disks\[0\]\.count: expected .*>= 1, got 0/],
    ['', '8x600@0 raid5', /^hosts\.csv:2:7: storage\.disks\[0\]\.iopsPerDisk: expected .*> 0, got 0/],
    ['', '8x0@180 raid5', /^hosts\.csv:2:7: storage\.disks\[0\]\.sizeGB: expected .*> 0.*, got 0/],
  ])('nics %j, disks %j: a located error', async (nics, disks, message) => {
    const e = await rejection(loadHosts(file('hosts.csv', `${HOST_HEAD}h1,2,4,3,32,${nics},${disks}\n`), dir));
    expect(e.code).toBe('invalid-value');
    expect(e.message).toMatch(message);
  });

  it('valid compact cells still read as before', async () => {
    const [h] = await loadHosts(file('ok.csv', `${HOST_HEAD}h1,2,4,3,32,management:1;guest:10x2,8x600@180 raid5 0.6\n`), dir);
    expect(h!.nics).toEqual([{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 2 }]);
    expect(h!.storage!.disks).toEqual([{ count: 8, sizeGB: 600, iopsPerDisk: 180, raid: '5', readShare: 0.6 }]);
  });
});

describe('CSV headers and keys', () => {
  it('a duplicate column in a hosts or VMs CSV is an error at its second occurrence', async () => {
    const e = await rejection(loadVms(file('vms.csv', 'id,vcpus,memoryGB,vcpus\nweb,2,4,8\n'), dir));
    expect([e.code, e.path]).toEqual(['parse-error', 'vms.csv:1:4']);
    expect(e.message).toContain('duplicate column "vcpus" (also column 2)');
    const h = await rejection(loadHosts(file('dup-hosts.csv', 'id,sockets,coresPerSocket,clockGHz,memoryGB,memoryGB\nh1,2,4,3,32,64\n'), dir));
    expect(h.path).toBe('dup-hosts.csv:1:6');
  });

  it('a duplicate column in an inventory export is an error too', () => {
    expect(() => parseInventory('VM,Powerstate,CPUs,Memory,CPUs\nweb1,poweredOn,2,4096,8\n', 'vInfo.csv')).toThrow(/^vInfo\.csv:1:5: duplicate column "CPUs" \(also column 3\)/);
  });

  it('a __proto__ column is an unknown field, not a prototype', async () => {
    const e = await rejection(loadVms(file('proto.csv', 'id,vcpus,memoryGB,__proto__\nweb,2,4,x\n'), dir));
    expect(e.code).toBe('unknown-field');
    expect(e.message).toContain('__proto__');
    const h = await rejection(loadHosts(file('proto-hosts.csv', 'id,sockets,coresPerSocket,clockGHz,memoryGB,__proto__\nh1,2,4,3,32,x\n'), dir));
    expect(h.code).toBe('unknown-field');
  });

  it('a __proto__ key in a catalog entry is an unknown field', () => {
    const catalog = JSON.parse('[{"model":"R740","sockets":2,"coresPerSocket":16,"clockGHz":2.6,"memoryGB":512,"purchasePrice":9000,"powerWatts":500,"rackUnits":2,"__proto__":{"memoryGB":1}}]');
    expect(() => parseCatalog(catalog, 'catalog.json')).toThrow(expect.objectContaining({ code: 'unknown-field', path: expect.stringContaining('__proto__') }));
  });
});

describe('text encodings: detected or refused, never U+FFFD', () => {
  const latin1 = (s: string) => Buffer.from(s, 'latin1');

  it('a Latin-1 VMs CSV is refused at the first byte that is not UTF-8', async () => {
    const e = await rejection(loadVms(file('latin1.csv', latin1('id,vcpus,memoryGB,guestOS\nweb,2,4,Windows\ncaf\xe9,2,4,Linux\n')), dir));
    expect([e.code, e.path]).toEqual(['parse-error', 'latin1.csv:3:4']);
    expect(e.message).toContain('not UTF-8 (byte 0xe9)');
  });

  it('a Windows-1252 inventory export is read as such and says so in its assumptions', async () => {
    const r = await importInventory(file('vinfo-1252.csv', latin1('VM,Powerstate,CPUs,Memory\nweb1,poweredOn,2,4096\ncaf\xe9-\x80,poweredOn,1,2048\n')), {}, dir);
    expect(r.vms.map((v) => v.id)).toEqual(['web1', 'café-€']);
    expect(r.assumptions[0]).toMatchObject({ name: 'import.encoding', value: 'windows-1252' });
    expect(r.assumptions[0]!.source).toContain('line 3, column 4');
    expect(JSON.stringify(r)).not.toContain('\ufffd');
  });

  it('a UTF-8 export gets no encoding assumption', async () => {
    const r = await importInventory(file('vinfo-utf8.csv', 'VM,Powerstate,CPUs,Memory\ncafé,poweredOn,2,4096\n'), {}, dir);
    expect(r.vms[0]!.id).toBe('café');
    expect(r.assumptions.some((a) => a.name === 'import.encoding')).toBe(false);
  });
});

describe('input files are read up to a size limit', () => {
  it('an endless file (/dev/zero) as VMs, hosts or an inventory export is refused after 32 MiB, naming the file', async () => {
    for (const load of [() => loadVms('/dev/zero'), () => loadHosts('/dev/zero'), () => importInventory('/dev/zero')]) {
      const e = await rejection(load());
      expect([e.code, e.path]).toEqual(['parse-error', '/dev/zero']);
      expect(e.message).toContain('more than 33554432 bytes (32 MiB)');
    }
  });
});
