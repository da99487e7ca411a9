// Public API of bench/prometheus; re-exported by bench/src/index.ts.
export * from './types.js';
export * from './errors.js';
export * from './redact.js';
export * from './http.js';
export * from './time.js';
export * from './values.js';
export * from './seriesKey.js';
export * from './rangeQuery.js';
export * from './pushdown.js';
export * from './presets.js';
export * from './mapping.js';
export * from './source.js';
export * from './bench.js';
export { PROM_MAX_REQUESTS, checkPromRequestCount, promRequestBudget, spendPromRequest, type PromRequestBudget } from './requestBudget.js';
