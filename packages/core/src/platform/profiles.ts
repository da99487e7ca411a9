import { HostplanError } from '../errors.js';
import type { GuestVcpuRule, PlatformProfile } from './profile.js';
import { validatePlatformProfile } from './validateProfile.js';

const TB = 1024;
const PB = 1024 * 1024;
const SCALABILITY = 'Microsoft Learn, Hyper-V scalability in Windows Server (per version); seed whitepaper for 2008';

/**
 * Virtual processors and service packs per guest OS on Hyper-V 2008, as the seed's table of
 * supported guests gives them (seed: "Windows Server 2008 ... 1, 2 or 4 virtual processors";
 * Vista 1 or 2, minimum SP1; Server 2003 x86 and x64 1 or 2, minimum SP2; XP Professional x86
 * 1 with SP2, up to 2 with SP3, minimum SP2; XP Professional x64 up to 2, minimum SP2; SUSE
 * Linux Enterprise Server 10 1, SP1 or SP2). First applicable rule wins.
 */
export const HYPERV_2008_GUEST_RULES: readonly GuestVcpuRule[] = [
  { family: 'windows-server-2008', name: 'Windows Server 2008', allowedVcpus: [1, 2, 4] },
  { family: 'windows-vista', name: 'Windows Vista', allowedVcpus: [1, 2], minServicePack: 1 },
  { family: 'windows-server-2003', name: 'Windows Server 2003', allowedVcpus: [1, 2], minServicePack: 2 },
  { family: 'windows-xp', name: 'Windows XP Professional x64', arch: 'x64', allowedVcpus: [1, 2], minServicePack: 2 },
  { family: 'windows-xp', name: 'Windows XP Professional SP2', arch: 'x86', servicePack: 2, allowedVcpus: [1], minServicePack: 2 },
  { family: 'windows-xp', name: 'Windows XP Professional', arch: 'x86', allowedVcpus: [1, 2], minServicePack: 2 },
  { family: 'sles-10', name: 'SUSE Linux Enterprise Server 10', allowedVcpus: [1], minServicePack: 1 },
];

const modern = (id: string, name: string, lps: number, ramGB: number, vcpus: number, vmRamGB: number): PlatformProfile => ({
  id, name,
  maxLogicalProcessors: lps,
  maxHostMemoryGB: ramGB,
  maxRunningVms: 1024,
  maxVcpusPerVm: vcpus,
  maxVmMemoryGB: vmRamGB,
  vcpuPerLp: null,
  maxClusterNodes: 64,
  maxClusterVms: 8000,
  maxVhdGB: 64 * TB, // VHDX
  guestVcpuRules: [],
  unverified: ['maxVhdGB'],
  source: SCALABILITY,
});

/**
 * The built-in platform profiles, by id. The default platform is `hyperv-2008` (the seed's).
 *
 * @example
 * PLATFORMS['hyperv-2008'].maxVcpusPerVm // => 4
 */
export const PLATFORMS: Readonly<Record<string, PlatformProfile>> = Object.freeze({
  'hyperv-2008': {
    id: 'hyperv-2008',
    name: 'Hyper-V (Windows Server 2008)',
    maxLogicalProcessors: 16, // 24 with KB956710
    maxHostMemoryGB: 1 * TB,
    maxRunningVms: 128, // 192 with KB956710
    maxVcpusPerVm: 4,
    maxVmMemoryGB: 64,
    vcpuPerLp: 8,
    maxClusterNodes: 16,
    maxClusterVms: null,
    maxVhdGB: 2040, // seed: "Hyper-V maximum VHD size is 2040 GB (8 GB short of 2 TB)"
    guestVcpuRules: HYPERV_2008_GUEST_RULES,
    unverified: ['maxLogicalProcessors', 'maxHostMemoryGB', 'maxRunningVms'],
    source: SCALABILITY,
  },
  'hyperv-2008r2': {
    id: 'hyperv-2008r2',
    name: 'Hyper-V (Windows Server 2008 R2 SP1)',
    maxLogicalProcessors: 64,
    maxHostMemoryGB: 1 * TB,
    maxRunningVms: 384,
    maxVcpusPerVm: 4,
    maxVmMemoryGB: 64,
    vcpuPerLp: 8, // 12 for Windows 7 VDI guests
    maxClusterNodes: 16,
    maxClusterVms: 1000,
    maxVhdGB: 2040, // the VHD format's limit, as on 2008 (VHDX arrives in 2012)
    guestVcpuRules: [],
    unverified: ['maxLogicalProcessors', 'maxHostMemoryGB', 'maxVhdGB'],
    source: SCALABILITY,
  },
  'hyperv-2012r2': modern('hyperv-2012r2', 'Hyper-V (Windows Server 2012 / 2012 R2)', 320, 4 * TB, 64, 1 * TB),
  'hyperv-2016': modern('hyperv-2016', 'Hyper-V (Windows Server 2016)', 512, 24 * TB, 240, 12 * TB),
  'hyperv-2019': modern('hyperv-2019', 'Hyper-V (Windows Server 2019)', 512, 24 * TB, 240, 12 * TB), // one page says 250 vCPUs
  'hyperv-2022': modern('hyperv-2022', 'Hyper-V (Windows Server 2022)', 1024, 4 * PB, 1024, 240 * TB),
  'hyperv-2025': modern('hyperv-2025', 'Hyper-V (Windows Server 2025)', 2048, 4 * PB, 2048, 240 * TB),
});

/** The platform used when neither the host nor the policy names one. */
export const DEFAULT_PLATFORM = 'hyperv-2008';

/**
 * Resolves a platform id or a custom profile to a profile. Ids are looked up among the
 * built-in profiles' own keys only (`"constructor"`, `"__proto__"` or `"toString"` are unknown
 * platforms, not inherited members); a custom profile is checked by
 * {@link validatePlatformProfile}. Throws {@link HostplanError} at `path` otherwise.
 *
 * @example
 * resolvePlatform('hyperv-2016').maxRunningVms // => 1024
 * resolvePlatform('constructor', 'hosts[h1].platform') // throws HostplanError: hosts[h1].platform: unknown platform "constructor"; ...
 */
export function resolvePlatform(platform: string | PlatformProfile | undefined, path = 'platform'): PlatformProfile {
  if (platform === undefined) return PLATFORMS[DEFAULT_PLATFORM]!;
  if (typeof platform !== 'string') return validatePlatformProfile(platform, path);
  if (!Object.hasOwn(PLATFORMS, platform)) {
    throw new HostplanError('unknown-platform', path,
      `unknown platform ${JSON.stringify(platform)}; expected one of ${Object.keys(PLATFORMS).join(', ')} or a custom profile`,
      Object.keys(PLATFORMS).join(' | '), platform);
  }
  return PLATFORMS[platform]!;
}
