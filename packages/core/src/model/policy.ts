import type { PlatformProfile } from '../platform/profile.js';
import type { Resource } from './resources.js';
import type { VhdType } from './vm.js';

/** Host reserves, as SCVMM has them: never eaten into by placement. */
export interface Reserves {
  /** Share of the host's CPU GHz held back, in percent. @defaultValue 10 (SCVMM) */
  readonly cpuPercent?: number;
  /** Memory held back on top of the root reserve, in MB. @defaultValue 0 */
  readonly memoryMB?: number;
  /** IOPS held back. @defaultValue 0 */
  readonly iops?: number;
  /** Share of guest network bandwidth held back, in percent. @defaultValue 10 (SCVMM) */
  readonly networkPercent?: number;
  /** Storage held back, in GB (dynamic VHD growth, snapshots). @defaultValue 0 */
  readonly storageGB?: number;
}

/** Load assumed for a VM whose load is not given (SCVMM's defaults for a new VM). */
export interface NewVmDefaults {
  /** @defaultValue 0.2 */
  readonly cpuUtilization?: number;
  /** @defaultValue 2 */
  readonly diskGB?: number;
  /** @defaultValue 0 */
  readonly iops?: number;
  /** @defaultValue 0 */
  readonly networkMbps?: number;
}

/** Extra I/O a VHD type costs, as a factor on the VM's IOPS (*unverified* defaults). */
export type VhdIopsFactors = Readonly<Record<VhdType, number>>;

/**
 * Planning policy; every field is optional and defaults as documented (and as listed by
 * `policyAssumptions`).
 */
export interface Policy {
  /** Platform for hosts that do not name one. @defaultValue 'hyperv-2008' */
  readonly platform?: string | PlatformProfile;
  /** Memory left to the root partition on Server Core, MB (seed: "at least 512 MB"). @defaultValue 512 */
  readonly rootReserveMB?: number;
  /** What a full installation costs beyond Server Core, MB (seed: about 80 MB). @defaultValue 80 */
  readonly fullInstallationExtraMB?: number;
  readonly reserves?: Reserves;
  /** Virtual processors allowed per logical processor; `null` for none. @defaultValue the platform's */
  readonly vcpuPerLp?: number | null;
  /** Ceiling on the usable capacity (after reserves) per resource, 0..1. @defaultValue 1 each */
  readonly targetUtilization?: Partial<Record<Resource, number>>;
  /**
   * Per-VM memory overhead in MB as an arithmetic expression (mathjs syntax, see
   * {@link compileFormula}) of `memoryMB` (the VM's memory) and `memoryGB`; it sees only those.
   * @defaultValue the seed's rule: 32 MB for the first GB + 8 MB per further started GB
   */
  readonly memoryOverhead?: string;
  readonly newVm?: NewVmDefaults;
  /** @defaultValue fixed 1, dynamic 1.1, differencing 1.2, passthrough 1 (*unverified*) */
  readonly vhdIopsFactor?: Partial<VhdIopsFactors>;
}

/** A policy with every default filled in. */
export interface ResolvedPolicy {
  readonly platform: string | PlatformProfile;
  readonly rootReserveMB: number;
  readonly fullInstallationExtraMB: number;
  readonly reserves: Required<Reserves>;
  /** `undefined`: take the platform's. */
  readonly vcpuPerLp: number | null | undefined;
  readonly targetUtilization: Readonly<Record<Resource, number>>;
  readonly memoryOverhead: string | undefined;
  readonly newVm: Required<NewVmDefaults>;
  readonly vhdIopsFactor: VhdIopsFactors;
}
