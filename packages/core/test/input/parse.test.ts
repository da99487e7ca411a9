import { describe, expect, it } from 'vitest';
import { HostplanError, parseHost, parseHosts, parsePolicy, parseVm, parseVms, resolvePolicy, policyAssumptions } from '@hostplan/core';
import { parseDisksCompact, parseNicsCompact } from '../../src/input/compact.js';

const errorOf = (f: () => unknown): HostplanError => {
  try {
    f();
  } catch (e) {
    if (e instanceof HostplanError) return e;
    throw e;
  }
  throw new Error('expected a HostplanError');
};

describe('parseHost(value, path)', () => {
  it('reads unit strings and compact NIC and disk forms', () => {
    const h = parseHost({ id: 'h1', sockets: 2, coresPerSocket: 4, clockGHz: '3000 MHz', memoryGB: '32 GB', nics: 'management:1;guest:10x2', storage: { disks: '8x600@180 raid5' } }, 'hosts[0]');
    expect(h.clockGHz).toBe(3);
    expect(h.memoryGB).toBe(32);
    expect(h.threadsPerCore).toBe(1);
    expect(h.nics).toEqual([{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 2 }]);
    expect(h.storage?.disks).toEqual([{ count: 8, sizeGB: 600, iopsPerDisk: 180, raid: '5', readShare: 0.7 }]);
  });

  it('reads NICs and disks as objects too', () => {
    const h = parseHost({ id: 'h', sockets: 1, coresPerSocket: 8, clockGHz: 2, memoryGB: 64, nics: [{ role: 'guest', gbps: '25 Gbps', ports: 2 }], storage: { disks: { count: 4, iopsPerDisk: 5000, sizeGB: '1.92 TB', raid: '10' } } }, 'h');
    expect(h.nics![0]!.gbps).toBe(25);
    expect(h.storage!.disks![0]!.sizeGB).toBeCloseTo(1966.08, 9); // 1.92 x 1,024
  });

  it.each([
    [{ id: 'h', sockets: -2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32 }, 'hosts[1].sockets', 'invalid-value'],
    [{ id: 'h', sockets: 2, coresPerSocket: 4.5, clockGHz: 3, memoryGB: 32 }, 'hosts[1].coresPerSocket', 'invalid-value'],
    [{ id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 'fast', memoryGB: 32 }, 'hosts[1].clockGHz', 'invalid-unit'],
    [{ id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: '32 GHz' }, 'hosts[1].memoryGB', 'invalid-unit'],
    [{ id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 3 }, 'hosts[1].memoryGB', 'missing-field'],
    [{ id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, memoryMB: 1 }, 'hosts[1].memoryMB', 'unknown-field'],
    [{ id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, nics: 'wan:10' }, 'hosts[1].nics[0]', 'invalid-value'],
    [{ id: 'h', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, installation: 'desktop' }, 'hosts[1].installation', 'invalid-value'],
    [{ id: 'h', sockets: Number.NaN, coresPerSocket: 4, clockGHz: 3, memoryGB: 32 }, 'hosts[1].sockets', 'invalid-value'],
  ])('rejects %j at %s', (raw, path, code) => {
    const e = errorOf(() => parseHost(raw, 'hosts[1]'));
    expect(e.path).toBe(path);
    expect(e.code).toBe(code);
  });
});

describe('parseVm(value, path)', () => {
  it('reads a VM with units and group lists', () => {
    const v = parseVm({ id: 'sql-a', vcpus: 4, memoryGB: '16384 MB', diskGB: '0.5 TB', networkMbps: '1 Gbps', antiAffinity: 'sql-cluster;dc', guestOS: 'Windows Server 2008' }, 'vms[0]');
    expect(v).toEqual({ id: 'sql-a', vcpus: 4, memoryGB: 16, diskGB: 512, networkMbps: 1000, antiAffinity: ['sql-cluster', 'dc'], guestOS: 'Windows Server 2008' });
  });

  it('rejects a utilisation above 1 and a wrong VHD type, naming the field', () => {
    expect(errorOf(() => parseVm({ id: 'v', vcpus: 1, memoryGB: 1, cpuUtilization: 20 }, 'vms[2]')).path).toBe('vms[2].cpuUtilization');
    expect(errorOf(() => parseVm({ id: 'v', vcpus: 1, memoryGB: 1, vhd: 'vmdk' }, 'vms[2]')).message).toMatch(/one of fixed, dynamic, differencing, passthrough/);
  });
});

describe('parseHosts / parseVms (documents)', () => {
  const host = { id: 'h', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 1 };
  it('takes an array or an object with a list', () => {
    expect(parseHosts([host])).toHaveLength(1);
    expect(parseHosts({ hosts: [host] })).toHaveLength(1);
    expect(parseVms({ vms: [{ id: 'v', vcpus: 1, memoryGB: 1 }] })).toHaveLength(1);
  });
  it('rejects duplicate ids, naming both places', () => {
    const e = errorOf(() => parseHosts({ hosts: [host, { ...host }] }, 'farm.json'));
    expect(e.code).toBe('duplicate-id');
    expect(e.path).toBe('farm.json.hosts[1].id');
    expect(e.message).toMatch(/first at farm.json.hosts\[0\]/);
  });
  it('rejects a document of the wrong shape', () => {
    expect(errorOf(() => parseVms({ machines: [] }, 'vms.json')).message).toMatch(/an array of vms, or an object \{ "vms"/);
  });
});

describe('compact forms', () => {
  it('parseNicsCompact reads role:gbps[xports]', () => {
    expect(parseNicsCompact('heartbeat:1; iscsi:10x2', 'n')).toEqual([{ role: 'heartbeat', gbps: 1, ports: 1 }, { role: 'iscsi', gbps: 10, ports: 2 }]);
  });
  it('parseDisksCompact reads several groups and a read share', () => {
    expect(parseDisksCompact('2x300@150 raid1; 6x1200@140 raid6 0.5', 'd')).toEqual([
      { count: 2, sizeGB: 300, iopsPerDisk: 150, raid: '1', readShare: 0.7 },
      { count: 6, sizeGB: 1200, iopsPerDisk: 140, raid: '6', readShare: 0.5 },
    ]);
    expect(() => parseDisksCompact('6x1200@140 raid3', 'd')).toThrow(/RAID 0\/1\/10\/5\/6/);
  });
});

describe('policy', () => {
  it('parsePolicy reads units; resolvePolicy fills and validates defaults', () => {
    const p = parsePolicy({ rootReserveMB: '2 GB', reserves: { memoryMB: '256 MB' }, targetUtilization: { cpuGHz: 0.8 } }, 'policy.json');
    expect(p.rootReserveMB).toBe(2048);
    const r = resolvePolicy(p);
    expect(r.reserves).toEqual({ cpuPercent: 10, memoryMB: 256, iops: 0, networkPercent: 10, storageGB: 0 });
    expect(r.targetUtilization.cpuGHz).toBe(0.8);
    expect(r.targetUtilization.memoryMB).toBe(1);
  });
  it('rejects out-of-range values with the path', () => {
    expect(errorOf(() => resolvePolicy({ reserves: { cpuPercent: 120 } })).path).toBe('policy.reserves.cpuPercent');
    expect(errorOf(() => resolvePolicy({ targetUtilization: { memoryMB: 1.5 } })).path).toBe('policy.targetUtilization.memoryMB');
    expect(errorOf(() => parsePolicy({ reserve: {} }, 'p.json')).code).toBe('unknown-field');
  });
  it('lists every default as an assumption, marking what the caller set', () => {
    const a = policyAssumptions({ rootReserveMB: 1024 });
    const root = a.find((x) => x.name === 'policy.rootReserveMB')!;
    expect(root).toMatchObject({ value: 1024, isDefault: false, source: 'input' });
    const cpu = a.find((x) => x.name === 'policy.reserves.cpuPercent')!;
    expect(cpu).toMatchObject({ value: 10, isDefault: true });
    expect(cpu.source).toMatch(/SCVMM/);
    expect(a.find((x) => x.name === 'policy.newVm.cpuUtilization')!.value).toBe(0.2);
  });
});
