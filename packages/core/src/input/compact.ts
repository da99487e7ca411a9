import { invalid } from '../errors.js';
import { NIC_ROLES, RAID_LEVELS, type DiskGroup, type Nic, type NicRole, type RaidLevel } from '../model/host.js';

/**
 * Reads NIC groups in the compact form used in CSV cells: `role:gbps[xports]` separated by
 * `;`, e.g. `management:1;heartbeat:1;guest:10x2`.
 *
 * @example
 * parseNicsCompact('management:1;guest:10x2', 'hosts.csv:3:nics')
 * // => [{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 2 }]
 */
export function parseNicsCompact(text: string, path: string): Nic[] {
  return text.split(';').map((s) => s.trim()).filter(Boolean).map((part, i) => {
    const m = /^([a-z-]+)\s*:\s*(\d+\.?\d*)\s*(?:gbps)?\s*(?:x\s*(\d+))?$/i.exec(part);
    if (!m || !(NIC_ROLES as readonly string[]).includes(m[1]!.toLowerCase())) {
      invalid(`${path}[${i}]`, `role:gbps[xports] with role one of ${NIC_ROLES.join(', ')} (e.g. guest:10x2)`, part);
    }
    return { role: m[1]!.toLowerCase() as NicRole, gbps: Number(m[2]), ports: m[3] ? Number(m[3]) : 1 };
  });
}

/**
 * Reads disk groups in the compact form used in CSV cells: `COUNTxSIZEGB@IOPS raidLEVEL
 * [READSHARE]`, groups separated by `;`, e.g. `8x600@180 raid5 0.7` (8 disks of 600 GB and 180
 * IOPS each in RAID 5 at 70 % reads; read share defaults to 0.7).
 *
 * @example
 * parseDisksCompact('8x600@180 raid5 0.7', 'hosts.csv:3:disks')
 * // => [{ count: 8, sizeGB: 600, iopsPerDisk: 180, raid: '5', readShare: 0.7 }]
 */
export function parseDisksCompact(text: string, path: string): DiskGroup[] {
  return text.split(';').map((s) => s.trim()).filter(Boolean).map((part, i) => {
    const m = /^(\d+)\s*x\s*(\d+\.?\d*)\s*(?:gb)?\s*@\s*(\d+\.?\d*)\s*(?:iops)?\s+raid\s*(\d+)(?:\s+(0?\.\d+|1(?:\.0*)?|0))?$/i.exec(part);
    if (!m || !(RAID_LEVELS as readonly string[]).includes(m[4]!)) {
      invalid(`${path}[${i}]`, `COUNTxSIZEGB@IOPS raidLEVEL [READSHARE] with RAID ${RAID_LEVELS.join('/')} (e.g. 8x600@180 raid5 0.7)`, part);
    }
    return { count: Number(m[1]), sizeGB: Number(m[2]), iopsPerDisk: Number(m[3]), raid: m[4] as RaidLevel, readShare: m[5] !== undefined ? Number(m[5]) : 0.7 };
  });
}
