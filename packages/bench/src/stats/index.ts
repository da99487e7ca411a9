// Public API of bench/stats; re-exported by bench/src/index.ts.
export * from './types.js';
export * from './moments.js';
export * from './orderStatistics.js';
export * from './sketch.js';
export * from './sustainedPeak.js';
export * from './thresholds.js';
export * from './rollup.js';
export * from './options.js';
export * from './selectOrderStatistics.js';
export * from './collector.js';
export * from './seriesStatistics.js';
export * from './concatSources.js';
