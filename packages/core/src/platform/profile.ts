/** Virtual processor counts a guest OS accepts (Hyper-V 2008, seed). */
export interface GuestVcpuRule {
  /** Case-insensitive regular expression matched against `Vm.guestOS`. */
  readonly pattern: string;
  /** Human name for messages. */
  readonly name: string;
  /** Allowed virtual processor counts. */
  readonly allowedVcpus: readonly number[];
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
  readonly guestVcpuRules: readonly GuestVcpuRule[];
  /** Names of the fields above whose figures are not verified against a primary source. */
  readonly unverified: readonly string[];
  readonly source: string;
}
