import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { loadHosts, loadPolicy, loadVms } from '@hostplan/bench';

const dir = mkdtempSync(join(tmpdir(), 'hostplan-load-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const rejection = async (p: Promise<unknown>): Promise<HostplanError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostplanError) return e;
    throw e;
  }
  throw new Error('expected a HostplanError');
};

describe('loadHosts(file)', () => {
  it('reads hosts from CSV with compact NICs and disks and nested storage columns', async () => {
    const f = file('hosts.csv', 'id,model,sockets,coresPerSocket,clockGHz,memoryGB,nics,storage.disks,storageIops\n' +
      'h1,DL380 G5,2,4,3 GHz,32 GB,management:1;guest:1x2,8x300@180 raid10,\n' +
      'h2,DL380 G5,2,4,3,32,management:1;guest:1x2,,2000\n');
    const hosts = await loadHosts(f, dir);
    expect(hosts.map((h) => h.id)).toEqual(['h1', 'h2']);
    expect(hosts[0]!.storage!.disks![0]!.raid).toBe('10');
    expect(hosts[1]!.storage).toEqual({ iops: 2000 });
    expect(hosts[0]!.nics).toHaveLength(2);
  });

  it('names file, line and column of a bad cell, and what was expected', async () => {
    const f = file('bad.csv', 'id,sockets,coresPerSocket,clockGHz,memoryGB\nh1,2,4,3,32\nh2,2,four,3,32\n');
    const e = await rejection(loadHosts(f, dir));
    expect(e.path).toBe('bad.csv:3:3');
    expect(e.message).toBe('bad.csv:3:3: coresPerSocket: expected a number, got "four"');
  });

  it('rejects duplicate ids with the line of the second', async () => {
    const f = file('dup.csv', 'id,sockets,coresPerSocket,clockGHz,memoryGB\nh1,2,4,3,32\nh1,2,4,3,64\n');
    const e = await rejection(loadHosts(f, dir));
    expect(e.code).toBe('duplicate-id');
    expect(e.path).toBe('dup.csv:3:1');
    expect(e.message).toMatch(/first at line 2/);
  });

  it('rejects a row with the wrong number of cells instead of shifting columns', async () => {
    const f = file('short.csv', 'id,sockets,coresPerSocket,clockGHz,memoryGB\nh1,2,4,3\n');
    const e = await rejection(loadHosts(f, dir));
    expect(e.code).toBe('parse-error');
    expect(e.path).toMatch(/^short.csv:2/);
  });

  it('reads JSON and names line and column of a syntax error', async () => {
    expect(await loadHosts(file('h.json', '{"hosts":[{"id":"a","sockets":1,"coresPerSocket":2,"clockGHz":"2 GHz","memoryGB":"8 GB"}]}'), dir)).toHaveLength(1);
    const e = await rejection(loadHosts(file('broken.json', '{\n  "hosts": [\n    {"id": }\n  ]\n}'), dir));
    expect(e.path).toBe('broken.json:3:12');
  });

  it('names the JSON field of a bad value', async () => {
    const e = await rejection(loadHosts(file('u.json', '[{"id":"a","sockets":1,"coresPerSocket":2,"clockGHz":"2 GB","memoryGB":8}]'), dir));
    expect(e.path).toBe('u.json[0].clockGHz');
  });
});

describe('loadVms(file) and loadPolicy(file)', () => {
  it('reads VMs from CSV with anti-affinity groups', async () => {
    const vms = await loadVms(file('vms.csv', 'id,vcpus,memoryGB,antiAffinity\nsql-a,4,16 GB,sql1\nsql-b,4,16 GB,sql1\n'), dir);
    expect(vms.map((v) => v.antiAffinity)).toEqual([['sql1'], ['sql1']]);
  });
  it('reads a policy file', async () => {
    expect((await loadPolicy(file('p.json', '{"rootReserveMB":"1 GB"}'), dir)).rootReserveMB).toBe(1024);
  });
});
