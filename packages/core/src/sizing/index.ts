// Public API of core/sizing; re-exported by core/src/index.ts.
export {};
