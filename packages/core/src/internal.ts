/**
 * `@hostplan/core/internal`: the pieces of core that hostplan's own packages build on and that
 * are not part of core's public API (`@hostplan/core`): no stability promise, may change in any
 * release. Today the steps of the one type-7 quantile, which @hostplan/bench's exact order
 * statistics, sketch and peak-coincidence figures use to read a percentile from selected ranks
 * (so that every percentile hostplan prints comes from one implementation). It is also the light
 * entry for @hostplan/bench's worker threads: it re-exports the few public pieces they use
 * (`HostplanError`, `selectRanks`, `quantileSorted7`, the same objects as core's), and a worker
 * loads it in about 3 ms where core's whole index takes about 65 ms. Its exports are recorded
 * in api/core-internal.api.md, so that what it carries is a decision in review too.
 *
 * @packageDocumentation
 */
export { quantileRank, interpolate7, quantileSorted7 } from './math/quantile.js';
export { selectRanks } from './math/selectRanks.js';
export { HostplanError } from './errors.js';
