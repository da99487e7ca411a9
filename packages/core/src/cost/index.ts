// Public API of core/cost; re-exported by core/src/index.ts.
export {};
