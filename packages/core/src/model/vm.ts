/** Virtual hard disk kinds (seed): fixed, dynamically expanding, differencing, pass-through. */
export type VhdType = 'fixed' | 'dynamic' | 'differencing' | 'passthrough';
/**
 * Every {@link VhdType}, for validating a VM's `vhd` field and listing the choices in messages.
 *
 * @example
 * VHD_TYPES.includes('dynamic') // => true
 */
export const VHD_TYPES: readonly VhdType[] = ['fixed', 'dynamic', 'differencing', 'passthrough'];

/**
 * A virtual machine to place, numbers in the unit their names say. Optional load fields take
 * the policy's new-VM defaults (SCVMM: 20 % CPU, 2 GB disk, 0 IOPS, 0 Mbps).
 */
export interface Vm {
  readonly id: string;
  readonly vcpus: number;
  /** Assigned memory in binary GB. */
  readonly memoryGB: number;
  /** Virtual disk size in binary GB. */
  readonly diskGB?: number;
  /** @defaultValue 'fixed' */
  readonly vhd?: VhdType;
  readonly iops?: number;
  readonly networkMbps?: number;
  /** Share of its vCPUs the VM keeps busy, 0..1. @defaultValue policy.newVm.cpuUtilization (0.2) */
  readonly cpuUtilization?: number;
  /** Measured CPU demand in GHz; wins over `cpuUtilization`. Capped at vCPUs x host clock. */
  readonly cpuDemandGHz?: number;
  /** Guest OS name, e.g. `Windows Server 2008`, `Windows Server 2003`, `SLES 10`, `Linux`. */
  readonly guestOS?: string;
  /** What the VM does (web, sql, vdi...): descriptive, shown in reports. */
  readonly role?: string;
  /** Group names: two VMs sharing a group never share a host. */
  readonly antiAffinity?: readonly string[];
  /** Group names: all VMs of a group share one host. */
  readonly affinity?: readonly string[];
  /** Host the VM runs on today (an inventory's current layout); placement ignores it unless the caller pins the VM there. */
  readonly host?: string;
  /** Cluster the VM runs in today, as the inventory names it; descriptive. */
  readonly cluster?: string;
}
