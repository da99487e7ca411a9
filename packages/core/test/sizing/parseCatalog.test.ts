import { describe, expect, it } from 'vitest';
import { HostplanError, parseCatalog } from '@hostplan/core';

const ENTRY = { model: 'R710', sockets: 2, coresPerSocket: 4, clockGHz: '2.66 GHz', memoryGB: '64 GB', purchasePrice: 9000, powerWatts: 350, rackUnits: 2 };

describe('parseCatalog(doc, path)', () => {
  it('reads host models with their prices; id defaults to the model', () => {
    const c = parseCatalog({ catalog: [ENTRY, { ...ENTRY, model: 'DL380', memoryGB: 96 }] }, 'catalog.json');
    expect(c.map((e) => [e.host.id, e.host.model, e.host.memoryGB, e.purchasePrice])).toEqual([['R710', 'R710', 64, 9000], ['DL380', 'DL380', 96, 9000]]);
    expect(c[0]!.host.clockGHz).toBe(2.66);
    expect(parseCatalog([ENTRY])).toHaveLength(1);
  });

  it('names the file and field of bad input', () => {
    expect(() => parseCatalog({ catalog: [{ ...ENTRY, purchasePrice: undefined }] }, 'c.json')).toThrow(/c.json.catalog\[0\].purchasePrice: is required/);
    expect(() => parseCatalog([{ ...ENTRY, rackUnits: -1 }], 'c.json')).toThrow(/c.json\[0\].rackUnits: expected a number >= 0/);
    expect(() => parseCatalog([{ ...ENTRY, memoryGB: '64 parsecs' }], 'c.json')).toThrow(HostplanError);
    expect(() => parseCatalog([ENTRY, ENTRY], 'c.json')).toThrow(/duplicate id "R710"/);
    expect(() => parseCatalog({}, 'c.json')).toThrow(/c.json: expected an array of host models/);
    expect(() => parseCatalog([], 'c.json')).toThrow(/at least one host model/);
  });
});
