import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatSources, DEFAULT_COUNTER_MAP, measureDemand } from '@hostplan/bench';
import { DemandSink } from '../../src/demand/index.js';
import { constant, pdhKey, rows, type Column } from './hyperv.js';

const vp = (vm: string, value: (m: number) => number): Column => ({ key: pdhKey('HV1', 'Hyper-V Hypervisor Virtual Processor', `${vm}:Hv VP 0`, '% Guest Run Time'), value });
const disk = (path: string, counter: 'Read Operations/Sec' | 'Write Operations/Sec', value: (m: number) => number): Column => ({ key: pdhKey('HV1', 'Hyper-V Virtual Storage Device', path, counter), value });

/** The VM entities of each resource after a run of `columns` through a DemandSink without an inventory. */
function groupsOf(columns: readonly Column[], minutes = 2) {
  const d = new DemandSink({ series() {}, sample() {} }, DEFAULT_COUNTER_MAP);
  rows(columns, minutes)(d);
  d.finish();
  return { groups: d.groups(), joined: d.diskPathsJoined };
}

describe('DemandSink without an inventory: virtual disk paths join the VMs the log names', () => {
  it('joins a disk announced before its VM\'s processor counter (a perfmon header in any order)', () => {
    const { groups, joined } = groupsOf([
      disk('C:-ClusterStorage-Volume1-sql-prod.01, disk.0.vhdx', 'Read Operations/Sec', constant(10)),
      vp('sql-prod.01', constant(50)),
      disk('C:-ClusterStorage-Volume1-sql-prod.10, disk.0.vhdx', 'Read Operations/Sec', constant(20)),
      vp('sql-prod.10', constant(50)),
    ]);
    expect(groups.filter((g) => g.resource === 'vm.iops').map((g) => g.entity).sort()).toEqual(['sql-prod.01', 'sql-prod.10']);
    expect(joined).toBe(2);
  });

  it('sums all disks of a VM into one IOPS series, row by row', () => {
    const seen: [number, number][] = [];
    const d = new DemandSink({ series() {}, sample: (i, _t, v) => seen.push([i, v]) }, DEFAULT_COUNTER_MAP);
    rows([
      vp('web-01', constant(50)),
      disk('D:-VMs-web-01-os.vhdx', 'Read Operations/Sec', (m) => [10, 30][m]!),
      disk('D:-VMs-web-01-data.vhdx', 'Write Operations/Sec', (m) => [5, 7][m]!),
    ], 2)(d);
    d.finish();
    const iops = d.groups().find((g) => g.resource === 'vm.iops')!;
    expect(iops.entity).toBe('web-01');
    expect(seen.filter(([i]) => i === iops.index).map(([, v]) => v)).toEqual([15, 37]);
  });

  it('keeps a disk path that holds no VM name of the log as an entity of its own, and never joins processor counters to each other', () => {
    const { groups, joined } = groupsOf([
      vp('web', constant(10)),
      vp('web-01', constant(20)),
      disk('D:-Orphans-lost.vhdx', 'Read Operations/Sec', constant(1)),
    ]);
    expect(groups.filter((g) => g.resource === 'vm.cpuCores').map((g) => g.entity)).toEqual(['web', 'web-01']);
    expect(groups.find((g) => g.resource === 'vm.iops')!.entity).toBe('D:-Orphans-lost.vhdx');
    expect(joined).toBe(0);
  });

  it('gives the same groups whatever the order of the header\'s columns', () => {
    const vms = ['app-1', 'app-11', 'db.2'];
    const columns = [...vms.map((vm) => vp(vm, constant(10))), ...vms.map((vm, i) => disk(`E:-Hyper-V-${vm}, disk.${i}.vhdx`, 'Read Operations/Sec', constant(i + 1)))];
    const key = (cols: readonly Column[]) => groupsOf(cols).groups.map((g) => `${g.resource}/${g.entity}/${g.members.length}`).sort();
    const expected = key(columns);
    expect(expected).toContain('vm.iops/app-11/1');
    fc.assert(fc.property(fc.shuffledSubarray(columns, { minLength: columns.length }), (shuffled) => {
      expect(key(shuffled)).toEqual(expected);
    }));
  });

  it('joins a disk announced before its VM\'s processor counter in the header of a second file', async () => {
    const first = [vp('web-01', constant(50)), disk('D:-VMs-web-01-os.vhdx', 'Read Operations/Sec', constant(3))];
    const second = [disk('C:-ClusterStorage-Volume1-db-02, disk.0.vhdx', 'Read Operations/Sec', constant(7)), vp('db-02', constant(20))];
    const d = new DemandSink({ series() {}, sample() {} }, DEFAULT_COUNTER_MAP);
    await concatSources([async (sink) => rows(first, 2)(sink), async (sink) => rows(second, 2)(sink)])(d);
    d.finish();
    expect(d.groups().filter((g) => g.resource === 'vm.iops').map((g) => g.entity)).toEqual(['web-01', 'db-02']);
    expect(d.diskPathsJoined).toBe(2);
  });

  it('says in the assumptions how many disk paths joined a VM', async () => {
    const source = async (sink: Parameters<ReturnType<typeof rows>>[0]) => rows([vp('web-01', constant(50)), disk('D:-VMs-web-01.vhdx', 'Read Operations/Sec', constant(3))], 3)(sink);
    const r = await measureDemand(source);
    expect(r.vms.map((v) => v.vm?.id ?? v.entity)).toEqual(['web-01']);
    expect(r.assumptions.find((a) => a.name === 'demand.entityResolution')?.value).toMatch(/^no inventory: 1 virtual disk path joined the VM/);
  });
});
