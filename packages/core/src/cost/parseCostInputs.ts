import { HostplanError, invalid } from '../errors.js';
import { number, object, noUnknown, string } from '../input/fields.js';
import { HOST_COST_DEFAULTS } from './costDefaults.js';
import type { HostCostInputs } from './costTypes.js';
import type { VmPlan } from './quoteTypes.js';

const COST_FIELDS = ['purchasePrice', 'powerWatts', 'rackUnits', ...Object.keys(HOST_COST_DEFAULTS)];

/**
 * Reads cost rates from a parsed JSON document: the fields of {@link HostCostInputs} at the
 * top, or under `hostCosts` or `costs` (as in `data/prices.json`). Unknown fields are errors.
 *
 * @example
 * parseCostInputs({ pue: 1.6, pricePerKWh: 0.12 }, 'costs.json').pue // => 1.6
 */
export function parseCostInputs(doc: unknown, path = 'costs'): HostCostInputs {
  let raw = object(doc, path);
  let p = path;
  for (const key of ['hostCosts', 'costs']) {
    if (raw[key] !== undefined) {
      p = `${path}.${key}`;
      raw = object(raw[key], p);
      break;
    }
  }
  noUnknown(raw, COST_FIELDS, p);
  const out: Record<string, number> = {};
  for (const k of COST_FIELDS) {
    const v = number(raw, k, p, { min: 0, ...(k === 'termMonths' && { integer: true, min: 1, unit: 'months' as const }), ...(k === 'powerWatts' && { unit: 'W' as const }) });
    if (v !== undefined) out[k] = v;
  }
  return out as HostCostInputs;
}

const PLAN_FIELDS = ['name', 'vcpus', 'memoryGB', 'diskGB', 'cpuUtilization', 'iops', 'networkMbps', 'guestOS'];

/**
 * Reads VM plans from a parsed JSON document: an array, or `{ "plans": [...] }`. Names must be unique.
 *
 * @example
 * parsePlans({ plans: [{ name: 'S', vcpus: 1, memoryGB: '2 GB' }] }, 'plans.json')[0].memoryGB // => 2
 */
export function parsePlans(doc: unknown, path = 'plans'): VmPlan[] {
  let items: unknown[];
  let p = path;
  if (Array.isArray(doc)) items = doc;
  else if (doc && typeof doc === 'object' && Array.isArray((doc as { plans?: unknown }).plans)) {
    items = (doc as { plans: unknown[] }).plans;
    p = `${path}.plans`;
  } else invalid(path, 'an array of plans, or an object { "plans": [...] }', doc);
  const seen = new Map<string, number>();
  return items.map((item, i) => {
    const at = `${p}[${i}]`;
    const raw = object(item, at);
    noUnknown(raw, PLAN_FIELDS, at);
    const name = string(raw, 'name', at, true);
    if (seen.has(name)) throw new HostplanError('duplicate-id', `${at}.name`, `duplicate plan ${JSON.stringify(name)} (first at ${p}[${seen.get(name)}])`, 'a unique name', name);
    seen.set(name, i);
    const opt = (k: string, rule: Parameters<typeof number>[3]) => {
      const v = number(raw, k, at, rule as never);
      return v === undefined ? {} : { [k]: v };
    };
    const guestOS = string(raw, 'guestOS', at);
    return {
      name,
      vcpus: number(raw, 'vcpus', at, { required: true, integer: true, min: 1 }),
      memoryGB: number(raw, 'memoryGB', at, { required: true, unit: 'GB', above: 0 }),
      ...opt('diskGB', { unit: 'GB', min: 0 }),
      ...opt('cpuUtilization', { min: 0, max: 1 }),
      ...opt('iops', { min: 0 }),
      ...opt('networkMbps', { unit: 'Mbps', min: 0 }),
      ...(guestOS !== undefined && { guestOS }),
    } as VmPlan;
  });
}
