// @hostplan/bench: file and monitoring readers, statistics, and per-VM demand for core.
export * from './series/types.js';
export * from './inventory/load.js';
export * from './inventory/imports/index.js';
export * from './readers/index.js';
export * from './stats/index.js';
export * from './demand/index.js';
export * from './prometheus/index.js';
