// Public API of bench/readers; re-exported by bench/src/index.ts.
export * from './types.js';
export * from './readPerf.js';
export * from './createPerfParser.js';
export * from './counterPath.js';
export * from './pdhHeader.js';
export * from './presets.js';
export * from './sarActivities.js';
export * from './counterNames.js';
export * from './pdhWriter.js';
