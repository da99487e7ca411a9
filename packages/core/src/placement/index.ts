// Public API of core/placement; re-exported by core/src/index.ts.
export {};
