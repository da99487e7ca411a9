import { HostplanError, invalid } from '../errors.js';
import type { GuestVcpuRule, PlatformProfile } from './profile.js';

const COUNTS = ['maxLogicalProcessors', 'maxRunningVms', 'maxVcpusPerVm', 'maxClusterNodes'] as const;
const SIZES = ['maxHostMemoryGB', 'maxVmMemoryGB'] as const;
const FIELDS = ['id', 'name', ...COUNTS, ...SIZES, 'vcpuPerLp', 'maxClusterVms', 'guestVcpuRules', 'unverified', 'source'];
/** Longest guest-OS pattern accepted (it is compiled as a regular expression per VM). */
const MAX_PATTERN_LENGTH = 200;
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

function guestRule(value: unknown, path: string): GuestVcpuRule {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(path, 'an object { pattern, name, allowedVcpus }', value);
  const o = value as Obj;
  for (const k of Object.keys(o)) if (!['pattern', 'name', 'allowedVcpus'].includes(k)) throw new HostplanError('unknown-field', `${path}.${k}`, 'unknown field; expected one of pattern, name, allowedVcpus', 'pattern, name, allowedVcpus', k);
  const pattern = text(o, 'pattern', path);
  if (pattern.length > MAX_PATTERN_LENGTH) invalid(`${path}.pattern`, `a pattern of at most ${MAX_PATTERN_LENGTH} characters`, pattern);
  try {
    new RegExp(pattern, 'i');
  } catch {
    invalid(`${path}.pattern`, 'a valid regular expression', pattern);
  }
  const allowed = own(o, 'allowedVcpus');
  if (!Array.isArray(allowed) || allowed.length === 0 || allowed.length > 4096 || !allowed.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1)) {
    invalid(`${path}.allowedVcpus`, 'a non-empty list of whole numbers >= 1', allowed);
  }
  return { pattern, name: text(o, 'name', path), allowedVcpus: [...(allowed as number[])] };
}

/**
 * Checks a custom platform profile (an object where a platform id may stand, as a policy's
 * `platform` or a host's) like every other input: every limit a finite positive number (whole
 * numbers for counts), `vcpuPerLp` and `maxClusterVms` a number or null, guest rules with valid
 * patterns, no unknown fields. `guestVcpuRules` and `unverified` default to empty lists,
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
    guestVcpuRules: Object.freeze((rules as unknown[]).map((r, i) => Object.freeze(guestRule(r, `${path}.guestVcpuRules[${i}]`)))),
    unverified: Object.freeze([...(unverified as string[])]),
    source: text(o, 'source', path, 'custom profile'),
  };
  Object.freeze(profile);
  validated.add(profile);
  return profile;
}
