import { HostplanError, invalid } from '../errors.js';
import { HOST_COST_DEFAULTS } from './costDefaults.js';
import type { HostCostInputs, HostMonthlyCost, PricedHost } from './costTypes.js';
import { formatMoneyAmount } from '../format/numbers.js';

const money = (x: number) => formatMoneyAmount(x);

function nonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(path, 'a finite number >= 0', value);
  return value;
}

function required(value: number | undefined, path: string): number {
  if (value === undefined) throw new HostplanError('missing-field', path, 'is required (in the catalog entry or the costs)', 'a number >= 0', undefined);
  return nonNegative(value, path);
}

/**
 * The monthly payment that pays off `principal` over `months` at an annual interest rate:
 * the annuity formula P x r / (1 - (1 + r)^-n) with r = rate / 12, or P / n at 0 %. O(1).
 *
 * @example
 * monthlyPayment(10000, 36, 0)    // => 277.78 (10,000 / 36)
 * monthlyPayment(10000, 36, 0.06) // => 304.22
 */
export function monthlyPayment(principal: number, months: number, annualRate: number): number {
  const r = annualRate / 12;
  // 1 - (1 + r)^-n, computed without cancellation for tiny rates
  const paidOff = -Math.expm1(-months * Math.log1p(r));
  return r === 0 || paidOff === 0 ? principal / months : (principal * r) / paidOff;
}

/**
 * The monthly cost of one host: purchase amortised over a term (annuity at an optional
 * interest rate), power (watts x PUE x $/kWh x hours / 1,000), rack space, administration,
 * licences amortised over the same term, and storage and network shares. Values given in
 * `costs` win over the catalog entry's. O(1).
 *
 * @example
 * // $10,000 over 36 months at 0 %, 400 W x PUE 1.5 x $0.10 x 730 h, 2 U x $20, $50 admin:
 * // 277.78 + 43.80 + 40 + 50 = 411.58
 * hostMonthlyCost({}, { purchasePrice: 10000, termMonths: 36, interestRate: 0, powerWatts: 400, pue: 1.5,
 *   pricePerKWh: 0.1, rackUnits: 2, pricePerRackUnitMonth: 20, adminPerHostMonth: 50 }).total // => 411.577...
 */
export function hostMonthlyCost(host: Partial<Omit<PricedHost, 'host'>>, costs: HostCostInputs = {}): HostMonthlyCost {
  const d = HOST_COST_DEFAULTS;
  const purchase = required(costs.purchasePrice ?? host.purchasePrice, 'purchasePrice');
  const watts = required(costs.powerWatts ?? host.powerWatts, 'powerWatts');
  const units = required(costs.rackUnits ?? host.rackUnits, 'rackUnits');
  const term = costs.termMonths ?? d.termMonths;
  if (!Number.isInteger(term) || term < 1) invalid('costs.termMonths', 'a whole number of months >= 1', term);
  const rate = nonNegative(costs.interestRate ?? d.interestRate, 'costs.interestRate');
  if (rate > 1) invalid('costs.interestRate', 'an annual rate as a fraction (0.05 for 5 %)', rate);
  const pue = nonNegative(costs.pue ?? d.pue, 'costs.pue');
  if (pue < 1) invalid('costs.pue', 'a power usage effectiveness >= 1', pue);
  const kwh = nonNegative(costs.pricePerKWh ?? d.pricePerKWh, 'costs.pricePerKWh');
  const hours = nonNegative(costs.hoursPerMonth ?? d.hoursPerMonth, 'costs.hoursPerMonth');
  const perU = nonNegative(costs.pricePerRackUnitMonth ?? d.pricePerRackUnitMonth, 'costs.pricePerRackUnitMonth');
  const admin = nonNegative(costs.adminPerHostMonth ?? d.adminPerHostMonth, 'costs.adminPerHostMonth');
  const licence = nonNegative(costs.licencePrice ?? d.licencePrice, 'costs.licencePrice');
  const storage = nonNegative(costs.storagePerHostMonth ?? d.storagePerHostMonth, 'costs.storagePerHostMonth');
  const network = nonNegative(costs.networkPerHostMonth ?? d.networkPerHostMonth, 'costs.networkPerHostMonth');

  const hardware = monthlyPayment(purchase, term, rate);
  const power = (watts * pue * kwh * hours) / 1000;
  const rackSpace = units * perU;
  const licences = monthlyPayment(licence, term, rate);
  const over = `over ${term} months at ${rate * 100} %${rate ? ' (annuity)' : ''}`;
  return {
    total: hardware + power + rackSpace + admin + licences + storage + network,
    hardware, power, rackSpace, admin, licences, storage, network,
    rules: {
      hardware: `${money(purchase)} ${over} = ${money(hardware)}`,
      power: `${watts} W x PUE ${pue} x ${money(kwh)}/kWh x ${hours} h / 1,000 = ${money(power)}`,
      rackSpace: `${units} U x ${money(perU)} = ${money(rackSpace)}`,
      admin: `${money(admin)} per host-month`,
      licences: `${money(licence)} ${over} = ${money(licences)}`,
      storage: `${money(storage)} per host-month`,
      network: `${money(network)} per host-month`,
    },
  };
}
