import { invalid } from '../errors.js';
import { noUnknown, number, object, type Raw } from '../input/fields.js';
import type { LicensingEra, Prices2008, Prices2016 } from './licensingTypes.js';

const FIELDS: Readonly<Record<LicensingEra, readonly string[]>> = {
  '2008': ['standard', 'enterprise', 'datacenterPerSocket', 'perGuest'],
  '2016': ['standardPer16Cores', 'datacenterPer16Cores', 'perGuest'],
};

/**
 * Reads the licence prices of one rule set from a parsed JSON document: the prices at the top
 * (`{ "standard": 999, ... }`), or under the era (`{ "2008": { "prices": {...} } }`), or under
 * `licensing` (as in `data/prices.json`).
 *
 * @example
 * parseLicencePrices({ licensing: { '2016': { prices: { standardPer16Cores: 1069, datacenterPer16Cores: 6155 } } } }, '2016', 'prices.json')
 * // => { standardPer16Cores: 1069, datacenterPer16Cores: 6155 }
 */
export function parseLicencePrices(doc: unknown, era: LicensingEra, path = 'prices'): Prices2008 | Prices2016 {
  if (era !== '2008' && era !== '2016') invalid('era', "'2008' or '2016'", era);
  let raw: Raw = object(doc, path);
  let p = path;
  const step = (key: string) => {
    if (raw[key] === undefined) return;
    p = `${p}.${key}`;
    raw = object(raw[key], p);
  };
  step('licensing');
  if (raw[era] === undefined && (raw['2008'] !== undefined || raw['2016'] !== undefined)) invalid(`${p}.${era}`, `prices for the ${era} rules`, undefined);
  step(era);
  step('prices');
  const known = FIELDS[era];
  const entries = Object.fromEntries(Object.entries(raw).filter(([k]) => !['currency', 'source', 'asOf', 'unverified', 'description'].includes(k)));
  noUnknown(entries, known, p);
  const out: Record<string, number> = {};
  for (const k of known) {
    const v = k === 'perGuest' ? number(raw, k, p, { min: 0 }) : number(raw, k, p, { required: true, min: 0 });
    if (v !== undefined) out[k] = v;
  }
  return out as unknown as Prices2008 | Prices2016;
}
