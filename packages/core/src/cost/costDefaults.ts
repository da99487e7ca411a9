import type { Assumption } from '../plan/types.js';
import type { HostCostInputs } from './costTypes.js';

/** Every default rate of the host cost model (*unverified*: replace with your own figures). */
export const HOST_COST_DEFAULTS = {
  termMonths: 36,
  interestRate: 0,
  pue: 1.5,
  pricePerKWh: 0.1,
  hoursPerMonth: 730,
  pricePerRackUnitMonth: 20,
  adminPerHostMonth: 50,
  licencePrice: 0,
  storagePerHostMonth: 0,
  networkPerHostMonth: 0,
} as const;

const SOURCES: Readonly<Record<keyof typeof HOST_COST_DEFAULTS, string>> = {
  termMonths: 'hostplan default, unverified: a common 3-year hardware depreciation term',
  interestRate: 'hostplan default: no financing cost',
  pue: 'hostplan default, unverified: typical data-centre PUE (Uptime Institute surveys report about 1.5-1.6)',
  pricePerKWh: 'hostplan default, unverified: $0.10 per kWh',
  hoursPerMonth: '8,760 hours a year / 12',
  pricePerRackUnitMonth: 'hostplan default, unverified: housing (room, cooling, cabling) per rack unit',
  adminPerHostMonth: 'hostplan default, unverified: manpower per host (the second seed calls it the largest soft cost)',
  licencePrice: 'hostplan default: no licence unless given',
  storagePerHostMonth: 'hostplan default: no shared storage share unless given',
  networkPerHostMonth: 'hostplan default: no network share unless given',
};

const UNITS: Readonly<Record<keyof typeof HOST_COST_DEFAULTS, string>> = {
  termMonths: 'months', interestRate: 'per year', pue: 'ratio', pricePerKWh: '$/kWh', hoursPerMonth: 'hours',
  pricePerRackUnitMonth: '$/U-month', adminPerHostMonth: '$/host-month', licencePrice: '$ per host',
  storagePerHostMonth: '$/host-month', networkPerHostMonth: '$/host-month',
};

/**
 * The cost rates in force, each as an assumption (value, unit, source, default or not), with
 * names prefixed `costs.`.
 *
 * @example
 * costAssumptions({ pue: 1.2 }).find((a) => a.name === 'costs.pue') // => { name: 'costs.pue', value: 1.2, ..., isDefault: false }
 */
export function costAssumptions(costs: HostCostInputs = {}): Assumption[] {
  return (Object.keys(HOST_COST_DEFAULTS) as (keyof typeof HOST_COST_DEFAULTS)[]).map((k) => {
    const given = costs[k];
    return { name: `costs.${k}`, value: given ?? HOST_COST_DEFAULTS[k], unit: UNITS[k], source: given === undefined ? SOURCES[k] : 'input', isDefault: given === undefined };
  });
}
