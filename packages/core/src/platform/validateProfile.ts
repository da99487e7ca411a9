import { HostplanError, invalid } from '../errors.js';
import { GUEST_OS_TABLE } from '../guest/guestOsTable.js';
import type { GuestVcpuRule, PlatformProfile } from './profile.js';

const COUNTS = ['maxLogicalProcessors', 'maxRunningVms', 'maxVcpusPerVm', 'maxClusterNodes'] as const;
const SIZES = ['maxHostMemoryGB', 'maxVmMemoryGB'] as const;
const FIELDS = ['id', 'name', ...COUNTS, ...SIZES, 'vcpuPerLp', 'maxClusterVms', 'maxVhdGB', 'guestVcpuRules', 'unverified', 'source'];
const RULE_FIELDS = ['family', 'name', 'arch', 'servicePack', 'allowedVcpus', 'minServicePack'];
const validated = new WeakSet<object>();

type Obj = Readonly<Record<string, unknown>>;

const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

function text(o: Obj, k: string, path: string, fallback?: string): string {
  const v = own(o, k);
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || v.trim() === '') invalid(`${path}.${k}`, 'a non-empty string', v);
  return v;
}

function count(o: Obj, k: string, path: string, nullable = false): number | null {
  const v = own(o, k);
  if (nullable && v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) invalid(`${path}.${k}`, `a whole number >= 1${nullable ? ', or null' : ''}`, v);
  return v;
}

function positive(o: Obj, k: string, path: string, nullable = false): number | null {
  const v = own(o, k);
  if (nullable && v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) invalid(`${path}.${k}`, `a finite number > 0${nullable ? ', or null for no limit' : ''}`, v);
  return v;
}

function servicePack(o: Obj, k: string, path: string): number | undefined {
  const v = own(o, k);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > 9) invalid(`${path}.${k}`, 'a service pack number from 0 to 9', v);
  return v;
}

function guestRule(value: unknown, path: string): GuestVcpuRule {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(path, 'an object { family, name, allowedVcpus }', value);
  const o = value as Obj;
  for (const k of Object.keys(o)) if (!RULE_FIELDS.includes(k)) throw new HostplanError('unknown-field', `${path}.${k}`, `unknown field; expected one of ${RULE_FIELDS.join(', ')}`, RULE_FIELDS.join(', '), k);
  const arch = own(o, 'arch');
  if (arch !== undefined && arch !== 'x86' && arch !== 'x64') invalid(`${path}.arch`, 'x86 or x64', arch);
  const allowed = own(o, 'allowedVcpus');
  if (!Array.isArray(allowed) || allowed.length === 0 || allowed.length > 4096 || !allowed.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1)) {
    invalid(`${path}.allowedVcpus`, 'a non-empty list of whole numbers >= 1', allowed);
  }
  const sp = servicePack(o, 'servicePack', path);
  const minSp = servicePack(o, 'minServicePack', path);
  const family = text(o, 'family', path);
  if (!GUEST_OS_TABLE.some((r) => r.family === family)) invalid(`${path}.family`, 'a guest OS family of the guest OS table (e.g. windows-server-2003)', family);
  return {
    family,
    name: text(o, 'name', path),
    ...(arch !== undefined && { arch: arch as 'x86' | 'x64' }),
    ...(sp !== undefined && { servicePack: sp }),
    allowedVcpus: [...(allowed as number[])],
    ...(minSp !== undefined && { minServicePack: minSp }),
  };
}

/**
 * Checks a custom platform profile (an object where a platform id may stand, as a policy's
 * `platform` or a host's) like every other input: every limit a finite positive number (whole
 * numbers for counts), `vcpuPerLp`, `maxClusterVms` and `maxVhdGB` a number or null, guest rules
 * naming a guest OS family, no unknown fields. `guestVcpuRules` and `unverified` default to empty lists,
 * `name` to the id, `source` to `'custom profile'`. Returns a frozen copy; throws
 * {@link HostplanError} at `path.field` otherwise. O(fields + guest rules).
 *
 * @example
 * validatePlatformProfile({ ...PLATFORMS['hyperv-2016'], id: 'lab', maxRunningVms: 50 }, 'policy.platform').maxRunningVms // => 50
 * validatePlatformProfile({}, 'policy.platform') // throws HostplanError: policy.platform.id: expected a non-empty string, got undefined
 */
export function validatePlatformProfile(value: unknown, path: string): PlatformProfile {
  if (value !== null && typeof value === 'object' && validated.has(value)) return value as PlatformProfile;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(path, 'a platform id or a profile object', value);
  const o = value as Obj;
  for (const k of Object.keys(o)) {
    if (!FIELDS.includes(k)) throw new HostplanError('unknown-field', `${path}.${k}`, `unknown field; expected one of ${FIELDS.join(', ')}`, FIELDS.join(', '), k);
  }
  const id = text(o, 'id', path);
  const rules = own(o, 'guestVcpuRules') ?? [];
  if (!Array.isArray(rules)) invalid(`${path}.guestVcpuRules`, 'a list of guest rules', rules);
  const unverified = own(o, 'unverified') ?? [];
  if (!Array.isArray(unverified) || !unverified.every((u) => typeof u === 'string' && FIELDS.includes(u))) invalid(`${path}.unverified`, `a list of field names (${FIELDS.join(', ')})`, unverified);
  const profile: PlatformProfile = {
    id,
    name: text(o, 'name', path, id),
    maxLogicalProcessors: count(o, 'maxLogicalProcessors', path)!,
    maxHostMemoryGB: positive(o, 'maxHostMemoryGB', path)!,
    maxRunningVms: count(o, 'maxRunningVms', path)!,
    maxVcpusPerVm: count(o, 'maxVcpusPerVm', path)!,
    maxVmMemoryGB: positive(o, 'maxVmMemoryGB', path)!,
    vcpuPerLp: positive(o, 'vcpuPerLp', path, true),
    maxClusterNodes: count(o, 'maxClusterNodes', path)!,
    maxClusterVms: count(o, 'maxClusterVms', path, true),
    maxVhdGB: own(o, 'maxVhdGB') === undefined ? null : positive(o, 'maxVhdGB', path, true),
    guestVcpuRules: Object.freeze((rules as unknown[]).map((r, i) => Object.freeze(guestRule(r, `${path}.guestVcpuRules[${i}]`)))),
    unverified: Object.freeze([...(unverified as string[])]),
    source: text(o, 'source', path, 'custom profile'),
  };
  Object.freeze(profile);
  validated.add(profile);
  return profile;
}
