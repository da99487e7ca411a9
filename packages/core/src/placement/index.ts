// Public API of core/placement; re-exported by core/src/index.ts.
export * from './prng.js';
export * from './vbp.js';
export * from './lowerBound.js';
export { CLASSIC_HEURISTICS, packClassic, type ClassicHeuristic, type FfdKey } from './heuristics.js';
export * from './packVectors.js';
export * from './types.js';
export * from './coincidenceTypes.js';
export { measuredExposure, type ExposureOptions, type HostExposure, type ResourceExposure } from './measuredExposure.js';
export { hostLowerBound } from './hostLowerBound.js';
export { placeVms, binding, DEFAULT_PLACE_EFFORT } from './placeVms.js';
export { rateHosts } from './rateHosts.js';
export { resolvePlacedVms } from './resolvePlaced.js';
export { HostIndex, indexHosts, type IndexedRatings } from './hostIndex.js';
