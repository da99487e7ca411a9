import fc from 'fast-check';
import { PLATFORMS, type Host, type Policy, type Vm } from '@hostplan/core';

/** Hosts of any supported platform, sized like real servers. */
export const hostArb = (id = 'h'): fc.Arbitrary<Host> =>
  fc.record({
    sockets: fc.integer({ min: 1, max: 4 }),
    coresPerSocket: fc.integer({ min: 1, max: 32 }),
    threadsPerCore: fc.constantFrom(1, 2),
    clockGHz: fc.double({ min: 1, max: 4, noNaN: true }),
    memoryGB: fc.integer({ min: 4, max: 1024 }),
    platform: fc.constantFrom(...Object.keys(PLATFORMS)),
    installation: fc.constantFrom('core' as const, 'full' as const),
    storage: fc.option(fc.record({ iops: fc.integer({ min: 100, max: 100_000 }), capacityGB: fc.integer({ min: 100, max: 20_000 }) }), { nil: undefined }),
    nics: fc.option(fc.array(fc.record({ role: fc.constantFrom('management' as const, 'guest' as const), gbps: fc.constantFrom(1, 10, 25), ports: fc.integer({ min: 1, max: 4 }) }), { maxLength: 3 }), { nil: undefined }),
  }).map((h) => ({ id, ...h, ...(h.storage === undefined && { storage: undefined }), ...(h.nics === undefined && { nics: undefined }) }));

/** VMs within the 2008 platform limits (so that the same VM is legal everywhere). */
export const vmArb = (id = 'v'): fc.Arbitrary<Vm> =>
  fc.record({
    vcpus: fc.constantFrom(1, 2, 4),
    memoryGB: fc.integer({ min: 1, max: 256 }).map((q) => q / 4), // 0.25 .. 64 GB
    diskGB: fc.integer({ min: 0, max: 500 }),
    iops: fc.integer({ min: 0, max: 2000 }),
    networkMbps: fc.integer({ min: 0, max: 1000 }),
    cpuUtilization: fc.double({ min: 0, max: 1, noNaN: true }),
    vhd: fc.constantFrom('fixed' as const, 'dynamic' as const, 'differencing' as const, 'passthrough' as const),
  }).map((v) => ({ id, ...v }));

/** Policies with valid reserves and ceilings. */
export const policyArb: fc.Arbitrary<Policy> = fc.record({
  rootReserveMB: fc.integer({ min: 0, max: 4096 }),
  reserves: fc.record({ cpuPercent: fc.integer({ min: 0, max: 50 }), memoryMB: fc.integer({ min: 0, max: 2048 }), networkPercent: fc.integer({ min: 0, max: 50 }) }),
  targetUtilization: fc.record({ cpuGHz: fc.double({ min: 0.5, max: 1, noNaN: true }), memoryMB: fc.double({ min: 0.5, max: 1, noNaN: true }) }),
});
