// Public API of bench/inventory/imports; re-exported by bench/src/index.ts.
export * from './types.js';
export * from './columns.js';
export * from './cells.js';
export * from './readCsv.js';
export * from './detect.js';
export * from './importInventory.js';
