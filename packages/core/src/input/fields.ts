import { HostplanError, invalid } from '../errors.js';
import { parseQuantity, type FieldUnit } from '../units/quantity.js';

/** A plain object from JSON (or a CSV row already split into fields). */
export type Raw = Readonly<Record<string, unknown>>;

/**
 * Checks that `value` is a plain object (not null, not an array) and returns it as a {@link Raw}
 * record, the first step of reading one item of an input file. Throws {@link HostplanError}
 * `invalid-value` at `path` otherwise.
 *
 * @example
 * object({ id: 'hv01' }, 'hosts[0]').id // => 'hv01'
 * object([1, 2], 'hosts[0]') // throws HostplanError: hosts[0]: expected an object, got an array
 */
export function object(value: unknown, path: string): Raw {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(path, 'an object', value);
  return value as Raw;
}

/**
 * Returns field `key` of `raw` as it is (unconverted); throws {@link HostplanError}
 * `missing-field` at `path.key` when it is absent, null or the empty string (an empty CSV cell).
 *
 * @example
 * requireField({ id: 'hv01' }, 'id', 'hosts[0]') // => 'hv01'
 * requireField({ id: '' }, 'id', 'hosts[0]') // throws HostplanError: hosts[0].id: is required
 */
export function requireField(raw: Raw, key: string, path: string): unknown {
  const v = raw[key];
  if (v === undefined || v === null || v === '') {
    throw new HostplanError('missing-field', `${path}.${key}`, 'is required', key, v);
  }
  return v;
}

/**
 * Reads a text field: a string, or a number turned into its decimal text (CSV ids such as `01`
 * stay strings, JSON ids such as `7` become `'7'`). Absent, null or empty gives undefined, or
 * throws `missing-field` when `required`; any other type throws `invalid-value` at `path.key`.
 *
 * @example
 * string({ id: 7 }, 'id', 'vms[0]', true) // => '7'
 * string({}, 'model', 'hosts[0]') // => undefined
 */
export function string(raw: Raw, key: string, path: string, required: true): string;
export function string(raw: Raw, key: string, path: string, required?: false): string | undefined;
export function string(raw: Raw, key: string, path: string, required = false): string | undefined {
  const v = required ? requireField(raw, key, path) : raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') invalid(`${path}.${key}`, 'a string', v);
  return String(v);
}

interface NumberRule {
  unit?: FieldUnit;
  integer?: boolean;
  min?: number;
  /** exclusive minimum */
  above?: number;
  max?: number;
}

/**
 * Largest magnitude any numeric input field takes (10^15): sums and unit conversions of such
 * values stay finite (a 1e308 GB VM would be Infinity MB).
 */
export const MAX_INPUT_NUMBER = 1e15;

function checkNumber(n: number, p: string, rule: NumberRule, received: unknown): number {
  if (Number.isFinite(n) && Math.abs(n) > MAX_INPUT_NUMBER && rule.max === undefined) {
    invalid(p, `a number of at most 1e15${rule.unit ? ` ${rule.unit}` : ''} (values beyond cannot be planned with)`, received);
  }
  const expected = `${rule.integer ? 'a whole number' : 'a number'}${rule.above !== undefined ? ` > ${rule.above}` : ''}${rule.min !== undefined ? ` >= ${rule.min}` : ''}${rule.max !== undefined ? ` <= ${rule.max}` : ''}${rule.unit ? ` (${rule.unit})` : ''}`;
  if (!Number.isFinite(n)) invalid(p, expected, received);
  if (rule.integer && !Number.isInteger(n)) invalid(p, expected, received);
  if (rule.min !== undefined && n < rule.min) invalid(p, expected, received);
  if (rule.above !== undefined && !(n > rule.above)) invalid(p, expected, received);
  if (rule.max !== undefined && n > rule.max) invalid(p, expected, received);
  return n;
}

/**
 * Reads a numeric field: a number, a numeric string (CSV), or where `rule.unit` is set a quantity
 * with a unit (`"64 GB"`), converted to that unit. Absent, null or empty gives undefined, or
 * throws `missing-field` when `rule.required`; a value breaking the rule (`integer`, `min`,
 * `above`, `max`) throws `invalid-value` at `path.key` saying what was expected.
 *
 * @example
 * number({ memoryGB: '64 GB' }, 'memoryGB', 'hosts[0]', { unit: 'GB', required: true }) // => 64
 * number({ sockets: 0 }, 'sockets', 'hosts[0]', { integer: true, min: 1 })
 * // throws HostplanError: hosts[0].sockets: expected a whole number >= 1, got 0
 */
export function number(raw: Raw, key: string, path: string, rule: NumberRule & { required: true }): number;
export function number(raw: Raw, key: string, path: string, rule?: NumberRule & { required?: false }): number | undefined;
export function number(raw: Raw, key: string, path: string, rule: NumberRule & { required?: boolean } = {}): number | undefined {
  const v = rule.required ? requireField(raw, key, path) : raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  const p = `${path}.${key}`;
  let n: number;
  if (rule.unit) n = parseQuantity(v, rule.unit, p);
  else if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(v)) n = Number(v);
  else invalid(p, `a number`, v);
  return checkNumber(n, p, rule, v);
}

/**
 * Reads a field that must be one of the `allowed` names (a number is compared as its text, so a
 * CSV `10` matches RAID level `'10'`). Absent, null or empty gives undefined; anything else
 * throws {@link HostplanError} `invalid-value` at `path.key` listing the allowed names.
 *
 * @example
 * oneOf({ vhd: 'fixed' }, 'vhd', 'vms[0]', VHD_TYPES) // => 'fixed'
 * oneOf({ raid: 10 }, 'raid', 'disks[0]', RAID_LEVELS) // => '10'
 */
export function oneOf<T extends string>(raw: Raw, key: string, path: string, allowed: readonly T[]): T | undefined {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string' || !(allowed as readonly string[]).includes(s)) invalid(`${path}.${key}`, `one of ${allowed.join(', ')}`, v);
  return s as T;
}

/**
 * Reads a yes/no field: a boolean, or the text `true`/`yes`/`1` and `false`/`no`/`0` as CSV
 * cells hold them. Absent, null or empty gives undefined; anything else throws
 * {@link HostplanError} `invalid-value` at `path.key`.
 *
 * @example
 * bool({ unavailable: 'yes' }, 'unavailable', 'hosts[0]') // => true
 * bool({}, 'unavailable', 'hosts[0]') // => undefined
 */
export function bool(raw: Raw, key: string, path: string): boolean | undefined {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0') return false;
  invalid(`${path}.${key}`, 'true or false', v);
}

/**
 * Reads a list of group names (affinity, anti-affinity): an array of strings, or one string
 * with names separated by `;` or `|` (CSV), trimmed, empty names dropped. Absent gives
 * undefined; anything else throws `invalid-value` at `path.key`.
 *
 * @example
 * names({ antiAffinity: 'sql-01; web' }, 'antiAffinity', 'vms[0]') // => ['sql-01', 'web']
 */
export function names(raw: Raw, key: string, path: string): string[] | undefined {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v.split(/[;|]/).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return [...v];
  invalid(`${path}.${key}`, 'a list of group names', v);
}

/**
 * Rejects fields that no reader knows, so that typos do not pass silently: throws
 * `unknown-field` at `path.field` listing the known names.
 *
 * @example
 * noUnknown({ id: 'a', memroyGB: 4 }, ['id', 'memoryGB'], 'vms[0]')
 * // throws HostplanError: vms[0].memroyGB: unknown field; expected one of id, memoryGB
 */
export function noUnknown(raw: Raw, known: readonly string[], path: string): void {
  for (const k of Object.keys(raw)) {
    if (!known.includes(k)) {
      throw new HostplanError('unknown-field', `${path}.${k}`, `unknown field; expected one of ${known.join(', ')}`, known.join(', '), k);
    }
  }
}

/**
 * Throws `duplicate-id` for the second of two items with the same id, naming both positions;
 * an id that is not a non-empty string is `invalid-value` at its position. The one id check of
 * the parsers, placement and rating.
 *
 * @example
 * uniqueIds([{ id: 'a' }, { id: 'b' }, { id: 'a' }], 'vms')
 * // throws HostplanError: vms[2].id: duplicate id "a" (first at vms[0])
 */
export function uniqueIds(items: readonly { id: string }[], path: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (typeof item?.id !== 'string' || item.id === '') invalid(`${path}[${i}].id`, 'a non-empty string', item?.id);
    const first = seen.get(item.id);
    if (first !== undefined) {
      throw new HostplanError('duplicate-id', `${path}[${i}].id`, `duplicate id ${JSON.stringify(item.id)} (first at ${path}[${first}])`, 'a unique id', item.id);
    }
    seen.set(item.id, i);
  });
}
