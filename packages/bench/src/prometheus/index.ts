// Public API of bench/prometheus; re-exported by bench/src/index.ts.
export {};
