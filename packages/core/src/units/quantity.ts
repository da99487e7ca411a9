import { HostplanError, show } from '../errors.js';
import { lookupUnit, type UnitDefinition } from './unitTable.js';

/** The units hostplan fields are kept in. Byte units are binary (1 GB = 1,024 MB). */
export type FieldUnit = 'MB' | 'GB' | 'GHz' | 'MHz' | 'Mbps' | 'Gbps' | 'W' | 'months';

/** Each field unit as a unit of the table: its kind and size. */
const FIELD_UNIT: Readonly<Record<Exclude<FieldUnit, 'months'>, UnitDefinition>> = {
  MB: lookupUnit('MB')!,
  GB: lookupUnit('GB')!,
  GHz: lookupUnit('GHz')!,
  MHz: lookupUnit('MHz')!,
  Mbps: lookupUnit('Mbps')!,
  Gbps: lookupUnit('Gbps')!,
  W: lookupUnit('W')!,
};

/** A conversion rounded to 15 significant digits, so that `2660 MHz` reads as exactly 2.66 GHz. */
function clean(x: number): number {
  return Number(x.toPrecision(15));
}

/**
 * Reads a quantity: a plain number (already in `unit`) or a string with a unit such as
 * `"64 GB"`, `"512 MB"`, `"2.66 GHz"`, `"10 Gbps"`. Byte units are binary. A unit of the
 * wrong dimension, an unknown unit or a non-number throws a {@link HostplanError} naming `path`.
 *
 * @example
 * parseQuantity('64 GB', 'MB', 'memoryGB') // => 65536
 * parseQuantity('10 Gbps', 'Mbps', 'gbps') // => 10000
 * parseQuantity(2.66, 'GHz', 'clockGHz')   // => 2.66
 */
export function parseQuantity(value: unknown, unit: FieldUnit, path: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HostplanError('invalid-value', path, `expected a finite number in ${unit}, got ${show(value)}`, `number (${unit})`, value);
    return value;
  }
  if (typeof value !== 'string') {
    throw new HostplanError('invalid-value', path, `expected a number in ${unit} or a string with a unit, got ${show(value)}`, `number (${unit})`, value);
  }
  const text = value.trim().replace(/(\d),(\d{3})\b/g, '$1$2');
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (unit === 'months') {
    const m = /^(\d+\.?\d*)\s*(months?|mo|years?|y)$/i.exec(text);
    if (!m) throw new HostplanError('invalid-unit', path, `expected a duration in months or years, got ${show(value)}`, 'months', value);
    return /^y/i.test(m[2]!) ? Number(m[1]) * 12 : Number(m[1]);
  }
  const written = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*([a-z][a-z/]*)$/i.exec(text);
  // bits in a byte field (memory, disk): "256 Gb" is gigabits, almost surely a typo for GB
  const bits = written && (unit === 'MB' || unit === 'GB') ? /^([kKMGTP]i?)?(b|bits?)$/.exec(written[2]!) : null;
  if (bits) {
    const bytes = `${bits[1] ?? ''}B`.replace(/^k/, 'K');
    throw new HostplanError('invalid-unit', path, `${show(value)} is in bits (${written![2]}), but memory and disk sizes are in bytes; write ${JSON.stringify(`${written![1]} ${bytes}`)} (a capital B)`, unit, value);
  }
  if (written && written[2] === unit) return Number(written[1]); // no conversion, no rounding
  const from = written ? lookupUnit(written[2]!) : undefined;
  if (!written || !from) {
    const bare = lookupUnit(text) !== undefined;
    throw new HostplanError('invalid-unit', path, bare ? `${show(value)} has a unit but no number` : `cannot read ${show(value)} as a quantity in ${unit}`, unit, value);
  }
  const target = FIELD_UNIT[unit];
  if (from.kind !== target.kind) {
    throw new HostplanError('invalid-unit', path, `${show(value)} is not a quantity of the kind ${unit} measures`, unit, value);
  }
  const n = clean((Number(written[1]) * from.size) / target.size);
  if (!Number.isFinite(n)) throw new HostplanError('invalid-value', path, `expected a finite quantity, got ${show(value)}`, unit, value);
  return n;
}

/**
 * Writes a quantity back as a string with its unit; `parseQuantity(formatQuantity(x, u), u)`
 * gives `x` back.
 *
 * @example
 * formatQuantity(64, 'GB') // => '64 GB'
 */
export function formatQuantity(value: number, unit: FieldUnit): string {
  return `${value} ${unit}`;
}
