import { randomLcg, randomNormal } from 'd3';
import { describe, it } from 'vitest';
import { chartBands, chartCostBars, chartGrowth, chartHeatmap, chartHistogram, chartPairedBars, chartPlacementMap, chartUtilisationMatrix, renderHtmlReport } from '../src/index.js';
import { createIdSource } from '../src/charts/svg.js';
import { expectGolden } from './helpers/golden.js';

process.env.TZ = 'UTC';
const day0 = Date.UTC(2026, 0, 5); // a Monday

describe('chart SVG goldens (seeded data, UTC, ids renumbered)', () => {
  it('chartUtilisationMatrix(rows) draws bars with target and reserve ticks', () => {
    expectGolden('utilisation-matrix.svg', chartUtilisationMatrix({
      title: 'Use per host', columns: ['CPU (GHz)', 'Memory (GB)'], units: ['GHz', 'GB'],
      rows: [
        // 40 of 100 GHz total; target 72 (= (100 - 10) x 0.8); reserve starts at 90.
        { label: 'hv-01', cells: [{ used: 40, capacity: 72, total: 100, reserved: 10 }, { used: 200, capacity: 230, total: 256, reserved: 2 }] },
        // over the target: amber; into the reserve: red
        { label: 'hv-02', cells: [{ used: 80, capacity: 72, total: 100, reserved: 10 }, { used: 255, capacity: 230, total: 256, reserved: 2 }] },
        { label: 'hv-03', cells: [null, { used: 10, capacity: 230 }] },
      ],
    }));
  });

  it('chartHistogram(values) bins seeded normal values', () => {
    const normal = randomNormal.source(randomLcg(7))(50, 12);
    expectGolden('histogram.svg', chartHistogram(Array.from({ length: 500 }, normal), { title: 'CPU', xLabel: 'CPU (%)', domain: [0, 100], markers: [{ label: 'p95', value: 70 }] }));
  });

  it('chartBands(series) draws bands, median, max and a threshold over two days', () => {
    const rnd = randomLcg(3);
    const points = Array.from({ length: 48 }, (_, i) => {
      const p50 = 30 + 20 * Math.sin((i / 24) * 2 * Math.PI) + rnd() * 5;
      return { timestampMs: day0 + i * 3_600_000, p5: p50 - 10, p25: p50 - 4, p50, p75: p50 + 4, p95: p50 + 10, max: p50 + 15 };
    });
    expectGolden('bands.svg', chartBands({ name: 'hv-01 CPU', unit: '%', points, thresholds: [{ label: 'target', value: 60 }] }, createIdSource()));
  });

  it('chartHeatmap(data) averages by day and hour and hatches empty cells', () => {
    const cells = Array.from({ length: 5 * 24 }, (_, i) => ({ day: Math.floor(i / 24), hour: i % 24, value: (i % 24) * 2 + Math.floor(i / 24) }));
    expectGolden('heatmap.svg', chartHeatmap({ name: 'CPU', unit: '%', cells }));
  });

  it('chartPairedBars(rows) pairs sum of peaks with peak of sum', () => {
    expectGolden('paired-bars.svg', chartPairedBars({ title: 'Peaks', unit: 'GHz', names: ['sum of peaks', 'peak of sum'], rows: [{ label: 'hv-01', a: 40, b: 28.5 }, { label: 'hv-02', a: 22, b: 19 }] }));
  });

  it('chartCostBars(lines) labels amounts and shares', () => {
    expectGolden('cost-bars.svg', chartCostBars([{ category: 'hardware', amount: 2900 }, { category: 'licences', amount: 4100 }, { category: 'power', amount: 1000 }], { currency: 'USD', period: 'month' }));
  });

  it('chartGrowth(growth) marks the day capacity runs out', () => {
    const month = (i: number) => Date.UTC(2026, i, 1);
    expectGolden('growth.svg', chartGrowth({
      resource: 'memoryMB', unit: 'GB', capacity: 1000, daysRemaining: 300,
      history: [0, 1, 2, 3, 4, 5].map((i) => ({ timestampMs: month(i), used: 500 + 30 * i })),
      projection: [6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => ({ timestampMs: month(i), used: 500 + 30 * i })),
    }));
  });

  it('chartPlacementMap(hosts) colours by group, and by size quartile without groups', () => {
    const hosts = [
      { id: 'hv-01', capacity: 256, vms: [{ id: 'web-1', size: 16, group: 'web' }, { id: 'db-1', size: 128, group: 'db' }] },
      { id: 'hv-02', capacity: 256, vms: [{ id: 'web-2', size: 16, group: 'web' }, { id: 'app-1', size: 32, group: 'app' }] },
    ];
    expectGolden('placement-map-groups.svg', chartPlacementMap(hosts, { title: 'Map', measure: 'memory (GB)' }));
    expectGolden('placement-map-sizes.svg', chartPlacementMap(hosts, { title: 'Map', measure: 'memory (GB)', colourBy: 'size' }));
  });

  it('renderHtmlReport(small plan) is stable', () => {
    expectGolden('small-report.html', renderHtmlReport({
      title: 'Small plan', generatedAt: '2026-01-05T00:00:00Z',
      plan: {
        placements: [{ vm: 'a', host: 'h1' }, { vm: 'b', host: 'h1' }],
        unplaced: [{ vm: 'c', reasons: [{ kind: 'capacity', host: 'h1', message: 'needs 4,096 MB more memoryMB' }] }],
        hosts: [{ id: 'h1', model: 'R760', used: { memoryMB: 8192, cpuGHz: 4 }, capacity: { memoryMB: 12288, cpuGHz: 20 }, binding: 'memoryMB', vms: ['a', 'b'] }],
      },
      vms: [{ id: 'a', size: { memoryMB: 4096 } }, { id: 'b', size: { memoryMB: 4096 } }],
      assumptions: [{ name: 'policy.rootReserveMB', value: 512, unit: 'MB', source: 'seed', isDefault: true }],
    }));
  });
});
