import type { Host } from '../model/host.js';

/** A host model with what it costs to buy and run: a catalog entry. */
export interface PricedHost {
  readonly host: Host;
  /** One-off purchase price of one host. */
  readonly purchasePrice: number;
  /** Average electrical draw in watts (at the wall, before PUE). */
  readonly powerWatts: number;
  /** Rack units the host occupies. */
  readonly rackUnits: number;
  /** Hosts per failover cluster this model is sold in (`quote`). @defaultValue the platform's cluster node limit */
  readonly clusterSize?: number;
}

/**
 * Rates for the monthly cost of a host. Every field is optional: the host facts
 * (`purchasePrice`, `powerWatts`, `rackUnits`) default to the catalog entry's, the rates to
 * {@link HOST_COST_DEFAULTS}; each default used is listed in the result's assumptions.
 */
export interface HostCostInputs {
  readonly purchasePrice?: number;
  /** Months over which the purchase (and licences) are paid off. @defaultValue 36 */
  readonly termMonths?: number;
  /** Annual interest rate as a fraction (0.05 = 5 %); payments by the annuity formula. @defaultValue 0 */
  readonly interestRate?: number;
  readonly powerWatts?: number;
  /** Power usage effectiveness: facility power / IT power (cooling, distribution). @defaultValue 1.5 */
  readonly pue?: number;
  /** @defaultValue 0.10 */
  readonly pricePerKWh?: number;
  /** @defaultValue 730 (8,760 hours a year / 12) */
  readonly hoursPerMonth?: number;
  readonly rackUnits?: number;
  /** Housing: room, cooling, cabling, per rack unit and month. @defaultValue 20 */
  readonly pricePerRackUnitMonth?: number;
  /** Manpower per host and month. @defaultValue 50 */
  readonly adminPerHostMonth?: number;
  /** One-off licence price per host (e.g. `cheapestLicensing(...).total`), amortised like the purchase. @defaultValue 0 */
  readonly licencePrice?: number;
  /** Share of shared storage per host and month. @defaultValue 0 */
  readonly storagePerHostMonth?: number;
  /** Share of the network per host and month. @defaultValue 0 */
  readonly networkPerHostMonth?: number;
}

/** The monthly cost of one host, part by part; `total` is their sum. */
export interface HostMonthlyCost {
  readonly total: number;
  readonly hardware: number;
  readonly power: number;
  readonly rackSpace: number;
  readonly admin: number;
  readonly licences: number;
  readonly storage: number;
  readonly network: number;
  /** How each part is worked out, with the arithmetic. */
  readonly rules: Readonly<Record<'hardware' | 'power' | 'rackSpace' | 'admin' | 'licences' | 'storage' | 'network', string>>;
}
