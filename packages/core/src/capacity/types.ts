import type { PlatformProfile } from '../platform/profile.js';
import type { Resource, ResourceVector } from '../model/resources.js';

/** What a host can give, per resource, after platform limits, reserves and target ceilings. */
export interface HostCapacity {
  readonly hostId: string;
  readonly platform: PlatformProfile;
  /** sockets x cores x threads. */
  readonly logicalProcessors: number;
  /** Logical processors the platform uses (capped by its LP limit). */
  readonly usableLogicalProcessors: number;
  /** Before reserves and ceilings. */
  readonly total: ResourceVector;
  /** Held back by reserves (root reserve included in memoryMB). */
  readonly reserved: ResourceVector;
  /** What placement may use: (total - reserved) x target utilisation, floored where whole units. */
  readonly limits: ResourceVector;
  /** The rule that produced each limit, in words with the arithmetic. */
  readonly rules: Readonly<Record<Resource, string>>;
}

/** What one VM costs on one host, overhead included. */
export interface VmDemand {
  readonly vmId: string;
  readonly hostId: string;
  readonly vector: ResourceVector;
  /** Per-VM memory overhead in MB, included in `vector.memoryMB`. */
  readonly memoryOverheadMB: number;
  readonly rules: Readonly<Record<Resource, string>>;
}

/** A resource the VM needs more of than the host has left. */
export interface Shortfall {
  readonly resource: Resource;
  readonly requested: number;
  readonly available: number;
  readonly capacity: number;
  /** e.g. `needs 1,200 MB more memoryMB: requested 4,152, available 2,952 of 32,256` */
  readonly message: string;
}

/** A platform rule the VM breaks on this host, whatever else is running. */
export interface Violation {
  readonly rule: 'max-vcpus-per-vm' | 'max-vm-memory' | 'max-vhd-size' | 'guest-os-vcpus' | 'guest-os-service-pack' | 'host-unavailable';
  readonly limit: number | readonly number[] | null;
  readonly value: number | null;
  readonly message: string;
}

/** The answer of `fits`. */
export type FitResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly shortfalls: readonly Shortfall[]; readonly violations: readonly Violation[] };
