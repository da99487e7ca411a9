/**
 * `@hostplan/core/internal`: the pieces of core that hostplan's own packages build on and that
 * are not part of core's public API (`@hostplan/core`): no stability promise, may change in any
 * release. Today the steps of the one type-7 quantile, which @hostplan/bench's exact order
 * statistics, sketch and peak-coincidence figures use to read a percentile from selected ranks
 * (so that every percentile hostplan prints comes from one implementation). Its exports are
 * recorded in api/core-internal.api.md, so that what it carries is a decision in review too.
 *
 * @packageDocumentation
 */
export { quantileRank, interpolate7 } from './math/quantile.js';
