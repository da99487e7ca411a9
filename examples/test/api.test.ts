import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ENTRIES, API_PACKAGES, apiReports } from '../../scripts/api/apiReport.js';

/** Helpers the public API must not carry (issue 15): validation, tolerance, chart and statistics internals. */
const INTERNAL = [
  'string', 'number', 'bool', 'object', 'oneOf', 'names', 'requireField', 'show', 'choose', 'EPSILON', 'tolerance', 'uniqueIds',
  'px', 'len', 'finiteOr', 'clockOf', 'quantileSelect7', 'quantileRank', 'interpolate7',
  'BucketMeanTracker', 'DailyPeakTracker', 'SustainedPeakTracker', 'WindowPeakTracker', 'ThresholdTracker', 'MomentsAccumulator',
];

describe('public API reports (api/*.api.md)', () => {
  const reports = apiReports();

  it.each(API_ENTRIES)('api/%s.api.md is what its entry point exports (npm run api updates it)', (pkg) => {
    const checkedIn = readFileSync(new URL(`../../api/${pkg}.api.md`, import.meta.url), 'utf8');
    expect(reports[pkg]).toBe(checkedIn);
  });

  it.each(API_PACKAGES)('@hostplan/%s exports none of the internal helpers', (pkg) => {
    const exported = [...reports[pkg].matchAll(/^(?:function|interface|type|const|class|enum) (\w+)/gm)].map((m) => m[1]);
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter((name) => INTERNAL.includes(name!))).toEqual([]);
  });
});
