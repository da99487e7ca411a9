// @hostplan/bench: file and monitoring readers, statistics, and per-VM demand for core.
export * from './inventory/load.js';
