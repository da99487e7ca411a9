// Public API of bench/demand; re-exported by bench/src/index.ts.
export * from './counterMap.js';
export * from './demandSource.js';
export { demandSource } from './demandWrap.js';
export * from './confidence.js';
export * from './growth.js';
export * from './coincidence.js';
export * from './coincidenceProfiles.js';
export * from './options.js';
export * from './figures.js';
export * from './vmMeasurements.js';
export * from './hostMeasurements.js';
export * from './measureDemand.js';
export * from './entityResolver.js';
