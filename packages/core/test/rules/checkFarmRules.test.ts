import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFarmRules, type Host, type Placement } from '@hostplan/core';
import { host2008 } from '../fixtures.js';

const fullNics: Host['nics'] = [{ role: 'management', gbps: 1, ports: 1 }, { role: 'heartbeat', gbps: 1, ports: 1 }, { role: 'live-migration', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 2 }];
const farm = (n: number, platform: string, nics = fullNics): Host[] => Array.from({ length: n }, (_, i) => ({ ...host2008, id: `h${i + 1}`, platform, nics }));
/** `count` placements dealt round-robin over the hosts. */
const deal = (hosts: readonly Host[], count: number): Placement[] => Array.from({ length: count }, (_, i) => ({ vm: `v${i}`, host: hosts[i % hosts.length]!.id }) as Placement);

describe('checkFarmRules(hosts, placements, options)', () => {
  it('finds a clustered host with only a guest port: no management and no heartbeat port, as errors', () => {
    const hosts = farm(2, 'hyperv-2008', [{ role: 'guest', gbps: 1, ports: 1 }]);
    const f = checkFarmRules(hosts, [], { clustered: true });
    expect(f.filter((x) => x.severity === 'error').map((x) => [x.host, x.rule])).toEqual([
      ['h1', 'management-port'], ['h1', 'heartbeat-port'], ['h2', 'management-port'], ['h2', 'heartbeat-port']]);
  });

  it('asks for two iSCSI ports on a host that has any, and a live-migration network from 2008 R2', () => {
    const hosts = farm(1, 'hyperv-2008r2', [{ role: 'management', gbps: 1, ports: 1 }, { role: 'heartbeat', gbps: 1, ports: 1 }, { role: 'iscsi', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 1 }]);
    expect(checkFarmRules(hosts, [], { clustered: true }).map((x) => [x.severity, x.rule])).toEqual([['error', 'iscsi-ports'], ['warning', 'live-migration-port']]);
  });

  it('notes hosts that describe no NIC instead of failing them', () => {
    const f = checkFarmRules([host2008], []);
    expect(f.map((x) => [x.severity, x.rule])).toEqual([['info', 'nics-not-described']]);
  });

  it('rejects 1,200 VMs on one 2008 R2 cluster (1,000 at most) and accepts 1,000', () => {
    const hosts = farm(16, 'hyperv-2008r2');
    const over = checkFarmRules(hosts, deal(hosts, 1200), { clustered: true });
    expect(over.map((x) => [x.severity, x.rule, x.cluster])).toEqual([['error', 'vms-per-cluster', 'cluster-1']]);
    expect(over[0]!.message).toContain('1,200 VMs on 16 hosts');
    expect(checkFarmRules(hosts, deal(hosts, 1000), { clustered: true })).toEqual([]);
  });

  it('does not limit VMs of standalone hosts or of 2008 (no figure known)', () => {
    const r2 = farm(16, 'hyperv-2008r2');
    expect(checkFarmRules(r2, deal(r2, 1200))).toEqual([]);
    const old = farm(16, 'hyperv-2008');
    expect(checkFarmRules(old, deal(old, 5000), { clustered: true })).toEqual([]);
  });

  it('counts VMs per cluster: an error exactly when some cluster holds more than the platform limit', () => {
    // 2016: 8,000 VMs per cluster and 64 nodes, so 70 hosts split into 2 clusters of 35
    fc.assert(fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 20_000 }), (n, vms) => {
      const hosts = farm(n, 'hyperv-2016');
      const clusters = n > 64 ? [Math.ceil(n / 2), n - Math.ceil(n / 2)] : [n];
      // round-robin over hosts in order: the first cluster's hosts get ceil shares
      const perHost = (i: number) => Math.floor(vms / n) + (i < vms % n ? 1 : 0);
      const first = Array.from({ length: clusters[0]! }, (_, i) => perHost(i)).reduce((a, b) => a + b, 0);
      const counts = clusters.length === 1 ? [vms] : [first, vms - first];
      const errors = checkFarmRules(hosts, deal(hosts, vms), { clustered: true }).filter((f) => f.rule === 'vms-per-cluster').length;
      expect(errors).toBe(counts.filter((c) => c > 8000).length);
    }), { numRuns: 60 });
  });
});
