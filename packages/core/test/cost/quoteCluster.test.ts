import { describe, expect, it } from 'vitest';
import { parseCatalog, quote } from '@hostplan/core';
import { R32 } from '../sizing/fixtures.js';

const plans = [{ name: 'S', vcpus: 1, memoryGB: 2 }];

describe('quote(plans, farm): cluster size and spare share', () => {
  it('states the platform limit as the cluster size when none is given, and warns', () => {
    // hyperv-2008: 16 nodes; 1 spare adds 16 / 15 - 1 = 6.7 %
    const s = quote(plans, { entry: R32 });
    expect(s.cluster).toEqual({ hostsPerCluster: 16, spareHosts: 1, source: 'platform limit' });
    expect(s.spareShare).toBeCloseTo(1 / 15, 12);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toContain('6.7 %');
  });

  it('takes the cluster size from the catalog: 4-host clusters with 1 spare pay 4 / 3', () => {
    const [entry] = parseCatalog([{ id: 'R32', sockets: 2, coresPerSocket: 4, clockGHz: 3, memoryGB: 32, purchasePrice: 10000, powerWatts: 400, rackUnits: 2, clusterSize: 4 }]);
    const s = quote(plans, { entry: entry! });
    expect(s.cluster).toEqual({ hostsPerCluster: 4, spareHosts: 1, source: 'catalog' });
    expect(s.spareShare).toBeCloseTo(1 / 3, 12);
    expect(s.warnings).toEqual([]);
    const dflt = quote(plans, { entry: R32 });
    // same host cost and density: the cost per VM moves with the spare factor, (4/3) / (16/15)
    expect(s.lines[0]!.costPerMonth! / dflt.lines[0]!.costPerMonth!).toBeCloseTo((4 / 3) / (16 / 15), 12);
  });

  it('lets the input win over the catalog, and warns when spares are under 5 % of the hosts', () => {
    const s = quote(plans, { entry: { ...R32, clusterSize: 4 }, hostsPerCluster: 64, policy: { platform: 'hyperv-2016' } });
    expect(s.cluster.source).toBe('input');
    expect(s.warnings[0]).toMatch(/1\.6 % of the hosts, implausibly few/);
    expect(quote(plans, { entry: R32, hostsPerCluster: 8 }).warnings).toEqual([]);
  });

  it('rejects a catalog cluster size that is not a whole number >= 1', () => {
    expect(() => parseCatalog([{ id: 'x', sockets: 1, coresPerSocket: 1, clockGHz: 1, memoryGB: 4, purchasePrice: 1, powerWatts: 1, rackUnits: 1, clusterSize: 2.5 }], 'c.json'))
      .toThrow(/clusterSize/);
  });
});
