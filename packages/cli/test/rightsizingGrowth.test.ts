import type { DemandResult } from '@hostplan/bench';
import { describe, expect, it } from 'vitest';
import { reportInputFromDemand } from '../src/reportFromDemand.js';

const DAY = 86_400_000;
const day0 = Date.UTC(2026, 10, 2);

/** A measurement result with one oversized VM whose daily CPU peaks follow 0.5 + 0.01 x day cores. */
function result(slopePerDay: number): DemandResult {
  // target 4 vCPUs x 1.0: the line reaches 4 cores on day (4 - 0.5) / slope
  const crossesAtMs = slopePerDay > 0 ? day0 + ((4 - 0.5) / slopePerDay) * DAY : null;
  const vm = {
    id: 'app-02', host: 'hv01', entity: 'app-02', idle: { idle: false, reason: '' },
    oversized: { oversized: true, cpu: { allocatedVcpus: 4, suggestedVcpus: 1 }, memory: null, reason: '4 vCPUs allocated, 1 suggested' },
    growth: { days: 7, slopePerDay, intercept: 0.5, target: 4, crossesAtMs, daysFromLast: null, reason: '' },
  };
  return { stats: { series: [], alerts: [], issues: [], passes: 1, assumptions: [] }, groups: [], vms: [vm], hosts: [], assumptions: [] } as unknown as DemandResult;
}

describe('reportInputFromDemand: an oversized VM whose CPU peaks grow', () => {
  it('says when the trend outgrows the suggested and the current vCPUs', () => {
    const [finding] = reportInputFromDemand(result(0.01)).rightsizing;
    // 1 core: (1 - 0.5) / 0.01 = 50 days after 2026-11-02 = 2026-12-22; 4 cores: 350 days = 2027-10-18
    expect(finding!.evidence).toBe('4 vCPUs allocated, 1 suggested; but its daily CPU peaks grow 0.010 a day over 7 days: at that trend it outgrows 1 vCPU on 2026-12-22 and its current 4 on 2027-10-18');
  });

  it('adds nothing when the peaks are flat', () => {
    expect(reportInputFromDemand(result(0)).rightsizing[0]!.evidence).toBe('4 vCPUs allocated, 1 suggested');
  });
});
