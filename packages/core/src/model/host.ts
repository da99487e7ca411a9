/** Roles a host NIC port can serve (seed: management, heartbeat, iSCSI, live migration, guest). */
export type NicRole = 'management' | 'heartbeat' | 'iscsi' | 'live-migration' | 'guest';
/**
 * Every {@link NicRole}, for validating a NIC's `role` field and listing the choices in messages.
 *
 * @example
 * NIC_ROLES.includes('iscsi') // => true
 */
export const NIC_ROLES: readonly NicRole[] = ['management', 'heartbeat', 'iscsi', 'live-migration', 'guest'];

/** A group of NIC ports of one role and speed. */
export interface Nic {
  readonly role: NicRole;
  /** Speed of one port in gigabits per second (decimal). */
  readonly gbps: number;
  /** Number of ports. @defaultValue 1 */
  readonly ports: number;
}

/** RAID levels with a known write penalty. */
export type RaidLevel = '0' | '1' | '10' | '5' | '6';
/**
 * Every {@link RaidLevel} a disk group may declare (`raid` field), for validation and messages.
 *
 * @example
 * RAID_LEVELS.includes('50') // => false: RAID 50 has no modelled write penalty
 */
export const RAID_LEVELS: readonly RaidLevel[] = ['0', '1', '10', '5', '6'];

/** A set of identical disks in one RAID group. */
export interface DiskGroup {
  readonly count: number;
  /** Raw IOPS of one disk. */
  readonly iopsPerDisk: number;
  /** Size of one disk in binary GB. */
  readonly sizeGB: number;
  readonly raid: RaidLevel;
  /** Share of I/O that is reads, 0..1. @defaultValue 0.7 */
  readonly readShare: number;
}

/** Host storage: either stated directly, or derived from disk groups. */
export interface Storage {
  /** Effective IOPS; when `disks` is given too, this wins. */
  readonly iops?: number;
  /** Usable capacity in binary GB; when `disks` is given too, this wins. */
  readonly capacityGB?: number;
  readonly disks?: readonly DiskGroup[];
}

/** Server Core or a full installation of the management OS (full costs 80 MB more). */
export type Installation = 'core' | 'full';

/** A virtualization host, numbers in the unit their names say. */
export interface Host {
  readonly id: string;
  readonly model?: string;
  readonly sockets: number;
  readonly coresPerSocket: number;
  /** 2 with Hyper-Threading: adds logical processors, not GHz. @defaultValue 1 */
  readonly threadsPerCore: number;
  readonly clockGHz: number;
  /** Physical memory in binary GB. */
  readonly memoryGB: number;
  readonly storage?: Storage;
  readonly nics?: readonly Nic[];
  /** Platform profile id (e.g. `hyperv-2008r2`); when absent, the policy's platform. */
  readonly platform?: string;
  /** @defaultValue 'core' */
  readonly installation?: Installation;
  /** A host marked unavailable takes no new VMs (maintenance, failed). */
  readonly unavailable?: boolean;
  /** Cluster name, when the farm is already split into clusters. */
  readonly cluster?: string;
}
