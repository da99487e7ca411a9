// Public API of core/failover; re-exported by core/src/index.ts.
export * from './types.js';
export * from './combinations.js';
export * from './clusters.js';
export * from './hostLoads.js';
export * from './bestFitReplace.js';
export * from './wholeHostFallback.js';
export * from './placementReplace.js';
export * from './portfolio.js';
export * from './seedRule.js';
export * from './slotPolicy.js';
export * from './checkFailover.js';
export * from './failoverReport.js';
export { failoverRunbook, RUNBOOK_DEFAULT_SCENARIOS, type FailoverRunbook, type RunbookOptions, type RunbookScenario } from './runbook.js';
