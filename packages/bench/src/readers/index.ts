// Public API of bench/readers; re-exported by bench/src/index.ts.
export {};
