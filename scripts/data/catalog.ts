/**
 * The sample host catalog: three generations of 2-socket servers, each with price, power and
 * rack units. Prices and power are typical list figures of their time (illustrative, not
 * quotes): change them in a copy of data/catalog.json.
 */
export const CATALOG = [
  {
    id: 'dl380-g5',
    model: '2008-era 2 x quad-core 3.0 GHz, 32 GB, 1 GbE',
    sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3.0, memoryGB: 32,
    platform: 'hyperv-2008', installation: 'core',
    storage: { disks: '8x146@180 raid10 0.7' },
    nics: 'management:1;heartbeat:1;iscsi:1x2;guest:1x2',
    purchasePrice: 7500, powerWatts: 450, rackUnits: 2,
  },
  {
    id: 'dl380-g7',
    model: '2 x 6-core 2.93 GHz with HT, 96 GB, 1/10 GbE, iSCSI SAN share',
    sockets: 2, coresPerSocket: 6, threadsPerCore: 2, clockGHz: 2.93, memoryGB: 96,
    platform: 'hyperv-2008r2', installation: 'core',
    // its share of an iSCSI SAN (two iSCSI ports): what the array gives each host
    storage: { iops: 3000, capacityGB: 4096 },
    nics: 'management:1;heartbeat:1;live-migration:1;iscsi:1x2;guest:10x2',
    purchasePrice: 11000, powerWatts: 400, rackUnits: 2,
  },
  {
    id: 'r760-2x16',
    model: 'current 2 x 16-core 2.9 GHz with HT, 512 GB, 10/25 GbE',
    sockets: 2, coresPerSocket: 16, threadsPerCore: 2, clockGHz: 2.9, memoryGB: 512,
    platform: 'hyperv-2022', installation: 'core',
    storage: { disks: '8x3840@90000 raid10 0.7' },
    nics: 'management:10;heartbeat:10;live-migration:25;guest:25x2',
    purchasePrice: 28000, powerWatts: 650, rackUnits: 1,
  },
] as const;
