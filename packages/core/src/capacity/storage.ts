import type { DiskGroup, RaidLevel, Storage } from '../model/host.js';

/** Back-end I/Os per front-end write, per RAID level (industry rule of thumb). */
export const RAID_WRITE_PENALTY: Readonly<Record<RaidLevel, number>> = { '0': 1, '1': 2, '10': 2, '5': 4, '6': 6 };

/**
 * Effective IOPS of a RAID group: raw IOPS / (read share + write penalty x write share).
 *
 * @example
 * // 8 disks x 180 IOPS in RAID 5 at 70 % reads: 1,440 / (0.7 + 4 x 0.3) = 757.9
 * effectiveIops({ count: 8, iopsPerDisk: 180, sizeGB: 600, raid: '5', readShare: 0.7 }) // => 757.89...
 */
export function effectiveIops(group: DiskGroup): number {
  const raw = group.count * group.iopsPerDisk;
  return raw / (group.readShare + RAID_WRITE_PENALTY[group.raid] * (1 - group.readShare));
}

/**
 * Usable capacity of a RAID group in GB: RAID 0 all disks, RAID 1/10 half, RAID 5 one disk
 * less, RAID 6 two disks less.
 *
 * @example
 * usableCapacityGB({ count: 8, iopsPerDisk: 180, sizeGB: 600, raid: '5', readShare: 0.7 }) // => 4200
 */
export function usableCapacityGB(group: DiskGroup): number {
  const data = { '0': group.count, '1': group.count / 2, '10': group.count / 2, '5': group.count - 1, '6': group.count - 2 }[group.raid];
  return Math.max(0, data) * group.sizeGB;
}

/**
 * A host's storage IOPS and usable GB, each with the rule that gave it (for the output's
 * explanations): the measured `iops`/`capacityGB` when given, else the sum over the disk groups
 * ({@link effectiveIops}, {@link usableCapacityGB}); no storage section means not modelled
 * (Infinity).
 *
 * @example
 * storageTotals({ disks: [{ count: 8, iopsPerDisk: 180, sizeGB: 600, raid: '5', readShare: 0.7 }] }).capacityGB // => 4200
 * storageTotals(undefined).iops // => Infinity
 */
export function storageTotals(storage: Storage | undefined): { iops: number; capacityGB: number; iopsRule: string; capacityRule: string } {
  if (storage === undefined) {
    const rule = 'no storage section: not modelled (unlimited)';
    return { iops: Infinity, capacityGB: Infinity, iopsRule: rule, capacityRule: rule };
  }
  const groups = storage?.disks ?? [];
  const iopsFromDisks = groups.reduce((s, g) => s + effectiveIops(g), 0);
  const gbFromDisks = groups.reduce((s, g) => s + usableCapacityGB(g), 0);
  const describe = (g: DiskGroup) =>
    `${g.count} x ${g.iopsPerDisk} IOPS RAID ${g.raid} at ${g.readShare * 100} % reads = ${round(effectiveIops(g))}`;
  return {
    iops: storage?.iops ?? iopsFromDisks,
    capacityGB: storage?.capacityGB ?? gbFromDisks,
    iopsRule: storage?.iops !== undefined ? 'storage.iops as given'
      : groups.length ? `raw / (read share + write penalty x write share): ${groups.map(describe).join('; ')}` : 'no storage given: 0',
    capacityRule: storage?.capacityGB !== undefined ? 'storage.capacityGB as given'
      : groups.length ? `usable RAID capacity: ${groups.map((g) => `${g.count} x ${g.sizeGB} GB RAID ${g.raid} = ${usableCapacityGB(g)} GB`).join('; ')}` : 'no storage given: 0',
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
