import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport, renderMarkdownSummary, placementsCsv, reportJsonText, type ReportInput } from '../src/index.js';

// Awkward numbers a loose input can carry: zero, negatives, huge, fractional, unlimited.
const num = fc.oneof(fc.constantFrom(0, -1, 1e12, 0.5, Infinity), fc.double({ min: -10, max: 1e6, noNaN: true }));
const name = fc.string({ minLength: 0, maxLength: 8 });
const vector = fc.record({ cpuGHz: num, memoryMB: num, vms: num }, { requiredKeys: [] });
const input: fc.Arbitrary<ReportInput> = fc.record({
  plan: fc.record({
    placements: fc.array(fc.record({ vm: name, host: name }), { maxLength: 6 }),
    unplaced: fc.array(fc.record({ vm: name, reasons: fc.array(fc.record({ message: name }), { maxLength: 2 }) }), { maxLength: 3 }),
    hosts: fc.array(fc.record({ id: name, used: vector, capacity: vector, total: vector, reserved: vector }), { maxLength: 5 }),
  }),
  vms: fc.array(fc.record({ id: name, size: vector }), { maxLength: 6 }),
  failover: fc.record({ toleratedFailures: fc.nat(3), met: fc.boolean(), headroom: fc.array(fc.record({ host: name, free: vector, capacity: vector }), { maxLength: 3 }) }),
  costs: fc.record({ lines: fc.array(fc.record({ category: name, amount: num }), { maxLength: 4 }), vmCount: fc.nat(5) }),
  measurements: fc.record({
    timeSeries: fc.array(fc.record({ name, unit: name, points: fc.array(fc.record({ timestampMs: fc.integer({ min: 0, max: 1e12 }), p50: num, p95: num }), { maxLength: 5 }) }), { maxLength: 2 }),
    heatmaps: fc.array(fc.record({ name, unit: name, cells: fc.array(fc.record({ day: fc.integer({ min: -1, max: 8 }), hour: fc.integer({ min: -1, max: 25 }), value: num }), { maxLength: 5 }) }), { maxLength: 1 }),
    distributions: fc.array(fc.record({ name, unit: name, values: fc.array(num, { maxLength: 20 }) }), { maxLength: 2 }),
    peakCoincidence: fc.array(fc.record({ host: name, unit: name, sumOfPeaks: num, peakOfSum: num }), { maxLength: 3 }),
  }),
  growth: fc.record({ resource: fc.constant('memoryMB' as const), unit: fc.constant('GB'), capacity: num, daysRemaining: fc.option(fc.integer({ min: -10, max: 5000 }), { nil: null }), history: fc.array(fc.record({ timestampMs: fc.integer({ min: 0, max: 1e12 }), used: num }), { minLength: 1, maxLength: 4 }) }),
}, { requiredKeys: [] }) as fc.Arbitrary<ReportInput>;

describe('every output on awkward input', () => {
  it('renders without throwing and never writes NaN, Infinity or a negative length into SVG geometry', () => {
    fc.assert(fc.property(input, (i) => {
      const html = renderHtmlReport(i);
      // Chromium logs a console error for a NaN or Infinity length, which the browser test forbids.
      expect(html).not.toMatch(/(?:x|y|x1|x2|y1|y2|width|height|cx|cy|r|d|transform|viewBox)="[^"]*(?:NaN|Infinity)/);
      expect(html).not.toMatch(/\s(?:width|height|r)="-/);
      renderMarkdownSummary(i);
      placementsCsv(i);
      JSON.parse(reportJsonText(i));
    }), { numRuns: 150 });
  });
});
