// Public API of core/sizing; re-exported by core/src/index.ts.
export * from './types.js';
export * from './parseCatalog.js';
export * from './buildFarm.js';
export * from './licenceFarm.js';
export * from './runway.js';
export * from './sizeFarm.js';
export type { SizingContext } from './evaluateFarm.js';
