// Public API of core/cost; re-exported by core/src/index.ts.
export * from './licensingTypes.js';
export * from './licensingRules.js';
export * from './cheapestLicensing.js';
export * from './licencePrices.js';
