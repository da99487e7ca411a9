// Public API of bench/stats; re-exported by bench/src/index.ts.
export {};
