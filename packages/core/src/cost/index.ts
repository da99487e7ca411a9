// Public API of core/cost; re-exported by core/src/index.ts.
export * from './licensingTypes.js';
export * from './licensingRules.js';
export * from './cheapestLicensing.js';
export * from './licencePrices.js';
export * from './costTypes.js';
export * from './costDefaults.js';
export * from './hostMonthlyCost.js';
export * from './shareCost.js';
export * from './quoteTypes.js';
export * from './quote.js';
export * from './suggestPlanTiers.js';
export * from './parseCostInputs.js';
export * from './parseLicencePrices.js';
export { quoteLineLicensing, type LicenceFigure, type QuoteLineLicensing } from './quoteLicensing.js';
