/**
 * Virtual processor counts and minimum service pack of one supported guest OS (Hyper-V 2008,
 * seed). A rule applies to a VM whose `guestOS` the guest OS table classifies as `family`
 * (see `classifyGuestOs`), of architecture `arch` when given (an unnamed architecture counts
 * as x86), at service pack `servicePack` when given; the first rule that applies decides.
 */
export interface GuestVcpuRule {
  /** A family id of the guest OS table, e.g. `windows-server-2003`. */
  readonly family: string;
  /** Human name for messages. */
  readonly name: string;
  /** Only this architecture. @defaultValue either */
  readonly arch?: 'x86' | 'x64';
  /** Only at this service pack (a VM naming none counts as meeting the minimum). @defaultValue any */
  readonly servicePack?: number;
  /** Allowed virtual processor counts. */
  readonly allowedVcpus: readonly number[];
  /** Lowest supported service pack; a VM naming none is assumed to meet it. @defaultValue none */
  readonly minServicePack?: number;
}

/**
 * Limits of one hypervisor version (Microsoft's Hyper-V scalability pages; see
 * docs/model.md). `null` means no limit imposed. Figures listed in `unverified` are
 * documented defaults to be overridden when better known, not facts.
 */
export interface PlatformProfile {
  readonly id: string;
  readonly name: string;
  readonly maxLogicalProcessors: number;
  readonly maxHostMemoryGB: number;
  readonly maxRunningVms: number;
  readonly maxVcpusPerVm: number;
  readonly maxVmMemoryGB: number;
  /** Supported virtual processors per logical processor; `null` when none is imposed. */
  readonly vcpuPerLp: number | null;
  readonly maxClusterNodes: number;
  /** `null` when the source gives no figure. */
  readonly maxClusterVms: number | null;
  /** Largest virtual hard disk in binary GB (a pass-through disk has no such limit); `null` when none is known. */
  readonly maxVhdGB: number | null;
  readonly guestVcpuRules: readonly GuestVcpuRule[];
  /** Names of the fields above whose figures are not verified against a primary source. */
  readonly unverified: readonly string[];
  readonly source: string;
}
