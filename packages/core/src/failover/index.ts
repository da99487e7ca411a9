// Public API of core/failover; re-exported by core/src/index.ts.
export {};
