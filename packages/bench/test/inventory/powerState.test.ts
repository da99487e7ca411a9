import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHosts, loadPolicy, loadVms, parseInventory } from '@hostplan/bench';

describe('power states and duplicate keys in inventories', () => {
  it('an unknown power state is refused at its line and column, neither counted as running nor dropped', () => {
    const csv = 'VM,Powerstate,CPUs,Memory\nweb1,poweredOn,2,4096\nweb2,Broken,2,4096\n';
    expect(() => parseInventory(csv, 'vInfo.csv')).toThrow(/^vInfo\.csv:3:2: Powerstate: unknown power state "Broken"; expected a running state/);
  });

  it('running and off states from RVTools and Hyper-V are read as before: off ones are listed as excluded', () => {
    const csv = 'VM,Powerstate,CPUs,Memory\nweb1,poweredOn,2,4096\nweb2,suspended,2,4096\nweb3,poweredOff,1,2048\n';
    const r = parseInventory(csv, 'vInfo.csv');
    expect(r.vms.map((v) => v.id)).toEqual(['web1']);
    expect(r.excluded.map((e) => [e.id, e.reason])).toEqual([['web2', 'powered-off'], ['web3', 'powered-off']]);
  });

  it('a key repeated in one object of a hosts, VMs or policy JSON file is an error at its line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-dupkeys-'));
    writeFileSync(join(dir, 'hosts.json'), '[{"id": "h1", "sockets": 1, "coresPerSocket": 4,\n  "clockGHz": 3, "memoryGB": 32, "memoryGB": 64}]');
    writeFileSync(join(dir, 'vms.json'), '[{"id": "v1", "vcpus": 1, "memoryGB": 2, "vcpus": 8}]');
    writeFileSync(join(dir, 'policy.json'), '{"rootReserveMB": 512, "rootReserveMB": 4096}');
    await expect(loadHosts('hosts.json', dir)).rejects.toThrow(/^hosts\.json:2:34: duplicate key "memoryGB" in \$\[0\]/);
    await expect(loadVms('vms.json', dir)).rejects.toThrow(/^vms\.json:1:42: duplicate key "vcpus"/);
    await expect(loadPolicy('policy.json', dir)).rejects.toThrow(/^policy\.json:1:24: duplicate key "rootReserveMB"/);
  });
});
