import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderHtmlReport } from '../src/index.js';
import { mergeWindows } from '../src/charts/bandChart.js';
import { syntheticReportInput } from './fixtures/synthetic.js';

describe('report size at scale', () => {
  it('renderHtmlReport(10,000 hosts, 100,000 VMs) is under 5 MB and aggregates instead of drawing every host', () => {
    const input = syntheticReportInput({ hosts: 10_000, vms: 100_000 });
    const html = renderHtmlReport(input);
    const bytes = Buffer.byteLength(html, 'utf8');
    console.log(`10,000-host / 100,000-VM report: ${bytes.toLocaleString('en-US')} bytes`);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    expect(html).toContain('data-chart="host-distribution"');
    expect(html).toContain('With 10,000 hosts, the 40 fullest are drawn');
    // Every unplaced VM is counted even though only the first 500 are listed.
    expect(html).toContain('1,000 VMs could not be placed');
    expect(html).toContain('Showing 500 of 1,000');
  });
});

describe('bounded charts', () => {
  it('renderHtmlReport(500 hosts with about 200 VMs each, a year of 5-minute windows) stays under 5 MB', () => {
    const input = syntheticReportInput({ hosts: 500, vms: 100_000 });
    const points = Array.from({ length: 105_120 }, (_, i) => ({ timestampMs: i * 300_000, p5: 10, p25: 20, p50: 30 + (i % 288) / 10, p75: 40, p95: 50, max: 60 }));
    const html = renderHtmlReport({ ...input, measurements: { ...input.measurements, timeSeries: [{ name: 'CPU', unit: '%', points }] } });
    const bytes = Buffer.byteLength(html, 'utf8');
    console.log(`500-host / 100,000-VM report with a year of windows: ${bytes.toLocaleString('en-US')} bytes`);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    expect(html).toContain('105,120 windows merged to at most 1,000');
    expect(html).toContain('smaller VMs on host-');
  });
});

describe('mergeWindows(points, maxPoints)', () => {
  it('keeps at most maxPoints windows and never narrows the bands', () => {
    fc.assert(fc.property(fc.array(fc.record({ p5: fc.double({ min: 0, max: 50, noNaN: true }), p50: fc.double({ min: 0, max: 100, noNaN: true }), max: fc.double({ min: 50, max: 100, noNaN: true }) }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (raw, maxPoints) => {
      const points = raw.map((p, i) => ({ timestampMs: i * 1000, ...p }));
      const merged = mergeWindows(points, maxPoints);
      expect(merged.length).toBeLessThanOrEqual(Math.max(maxPoints, 1));
      expect(Math.min(...merged.map((p) => p.p5!))).toBe(Math.min(...points.map((p) => p.p5)));
      expect(Math.max(...merged.map((p) => p.max!))).toBe(Math.max(...points.map((p) => p.max)));
      expect(merged[0]!.timestampMs).toBe(0);
    }), { numRuns: 100 });
  });
});
