// Public API of bench/demand; re-exported by bench/src/index.ts.
export {};
