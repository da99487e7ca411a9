import { describe, expect, it } from 'vitest';
import { sizeFarm, type PricedHost } from '@hostplan/core';
import { renderHtmlReport, reportInputFromSizing } from '@hostplan/report';

const entry = (id: string, memoryGB: number): PricedHost => ({ host: { id, model: id, sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB }, purchasePrice: 5000, powerWatts: 300, rackUnits: 1 });

describe('reportInputFromSizing: options that cannot run every VM', () => {
  it('carries no cost for them, a note instead; feasible ones keep theirs', () => {
    // a 40 GB VM fits no 32 GB host: the small model cannot run it
    const vms = [{ id: 'big', vcpus: 1, memoryGB: 40 }, { id: 'v1', vcpus: 1, memoryGB: 2 }];
    const sizing = sizeFarm([entry('small', 32), entry('large', 64)], vms, { mixed: false });
    const options = reportInputFromSizing(sizing).sizing.options!;
    const small = options.find((o) => o.model === 'small')!;
    const large = options.find((o) => o.model === 'large')!;
    expect(small.costPerMonth).toBeUndefined();
    expect(small.note).toContain('no cost shown');
    expect(large.costPerMonth).toBe(sizing.options.find((o) => o.name === 'large')!.costPerMonth);
    expect(renderHtmlReport(reportInputFromSizing(sizing))).toContain('no cost shown');
  });
});
