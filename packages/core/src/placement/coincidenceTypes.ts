import type { Resource } from '../model/resources.js';

/** Resources that vary over time and so can be profiled for peak coincidence. */
export type ProfiledResource = Extract<Resource, 'cpuGHz' | 'memoryMB' | 'iops' | 'networkMbps'>;
/** Every {@link ProfiledResource}, in {@link RESOURCES} order. */
export const PROFILED_RESOURCES: readonly ProfiledResource[] = ['cpuGHz', 'memoryMB', 'iops', 'networkMbps'];

/**
 * One VM's demand over time, per resource, in the resource's unit (GHz, MB, IOPS, Mbps), on
 * the time grid shared by every profile (same length, same bucket starts): e.g. 5-minute
 * bucket means from `coincidenceProfiles` in `@hostplan/bench`. `NaN` (or `null` from JSON)
 * marks a bucket with no measurement: the VM's series is shifted against the percentile of
 * its measured points only, and in a host's sum the gap counts as the VM's highest measured
 * value, so a gap never lowers a real point and never hides a peak.
 */
export type VmProfile = Partial<Record<ProfiledResource, ArrayLike<number>>>;

/**
 * Peak coincidence for {@link placeVms}: a host's use of a profiled resource is the chosen
 * percentile of the SUM of its VMs' series (VMs whose peaks do not coincide pack tighter)
 * instead of the sum of each VM's demand. Each VM's series is its profile shifted so that its
 * own percentile equals its demand on that host (the figure used without this option, with
 * overheads and caps), so a VM alone on a host uses exactly what it used before; VMs without
 * a profile count at their demand at every instant.
 */
export interface CoincidenceOptions {
  /** VM id -> profile; every series of every VM has the same length (one shared time grid). */
  readonly profiles: Readonly<Record<string, VmProfile>>;
  /** Type-7 percentile of the summed series, 0..100. @defaultValue 95 */
  readonly percentile?: number;
  /** Resources measured this way. @defaultValue every profiled resource some profile has */
  readonly resources?: readonly ProfiledResource[];
}

/** Default percentile of the summed series (the demand percentile bench uses by default). */
export const DEFAULT_COINCIDENCE_PERCENTILE = 95;
