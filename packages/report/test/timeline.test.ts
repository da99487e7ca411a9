import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartDayHourHeatmap, chartRunway, chartTimeline, dayHourMeans, farmRunway, farmSeries, reduceToColumns, renderHtmlReport, TIMELINE_MARGIN } from '../src/index.js';
import type { ReportTimelines } from '../src/index.js';
import { expectGolden } from './helpers/golden.js';

const DAY = 86_400_000;
const day0 = Date.UTC(2026, 0, 5); // a Monday
const value = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null, freq: 5 });

/** Every number of an SVG path's `d`, as [x, y] pairs. */
function points(d: string): [number, number][] {
  const n = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  return Array.from({ length: n.length / 2 }, (_, i) => [n[2 * i]!, n[2 * i + 1]!]);
}

describe('reduceToColumns(values, columns)', () => {
  it('partitions the buckets into min(n, columns) runs whose min and max are those of the buckets in them', () => {
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 120 }), (values, columns) => {
      const out = reduceToColumns(values, columns);
      expect(out.length).toBe(Math.min(values.length, columns));
      // bucket i belongs to column floor(i x k / n), worked out independently of the function
      const k = out.length;
      for (let c = 0; c < k; c++) {
        const mine = values.filter((v, i) => Math.floor((i * k) / values.length) === c && v !== null) as number[];
        const col = out[c];
        if (mine.length === 0) { expect(col).toBeNull(); continue; }
        expect(col!.min).toBe(Math.min(...mine));
        expect(col!.max).toBe(Math.max(...mine));
        expect(col!.mean).toBeCloseTo(mine.reduce((s, v) => s + v, 0) / mine.length, 6);
      }
    }), { numRuns: 200 });
  });

  it('keeps the peak: the highest column maximum is the highest value', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 3000 }), fc.integer({ min: 1, max: 500 }), (values, columns) => {
      const out = reduceToColumns(values, columns);
      expect(Math.max(...out.map((c) => c!.max))).toBe(Math.max(...values));
      expect(Math.min(...out.map((c) => c!.min))).toBe(Math.min(...values));
    }), { numRuns: 100 });
  });
});

describe('farmSeries(timelines, resource) and dayHourMeans(start, step, values)', () => {
  it('farmSeries sums each bucket over the hosts that have a value, and sums targets and limits', () => {
    fc.assert(fc.property(fc.array(fc.record({ values: fc.array(value, { minLength: 1, maxLength: 30 }), target: fc.double({ min: 1, max: 100, noNaN: true }) }), { minLength: 1, maxLength: 6 }), (hosts) => {
      const t: ReportTimelines = { startMs: 0, stepMs: 1, hosts: hosts.map((h, i) => ({ host: `h${i}`, resources: [{ resource: 'cpuGHz', values: h.values, target: h.target }] })) };
      const farm = farmSeries(t, 'cpuGHz')!;
      const n = Math.max(...hosts.map((h) => h.values.length));
      for (let i = 0; i < n; i++) {
        const present = hosts.map((h) => h.values[i]).filter((v): v is number => v !== null && v !== undefined);
        if (present.length === 0) expect(farm.values[i]).toBeNull();
        else expect(farm.values[i]).toBeCloseTo(present.reduce((s, v) => s + v, 0), 6);
      }
      expect(farm.target).toBeCloseTo(hosts.reduce((s, h) => s + h.target, 0), 6);
      expect(farmSeries(t, 'memoryMB')).toBeNull();
    }), { numRuns: 100 });
  });

  it('dayHourMeans averages each UTC hour of each day, found through Date', () => {
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 700 }), fc.constantFrom(300_000, 900_000, 3_600_000), fc.integer({ min: 0, max: 47 }), (values, stepMs, offset) => {
      const startMs = day0 + offset * 1_800_000;
      const rows = dayHourMeans(startMs, stepMs, values);
      const expected = new Map<string, number[]>();
      values.forEach((v, i) => {
        if (v === null) return;
        const d = new Date(startMs + i * stepMs);
        const key = `${Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())}/${d.getUTCHours()}`;
        expected.set(key, [...(expected.get(key) ?? []), v]);
      });
      let cells = 0;
      for (const r of rows) r.hours.forEach((m, h) => {
        const e = expected.get(`${r.dayMs}/${h}`);
        if (!e) { expect(m).toBeNull(); return; }
        cells++;
        expect(m).toBeCloseTo(e.reduce((s, v) => s + v, 0) / e.length, 6);
      });
      expect(cells).toBe(expected.size);
    }), { numRuns: 100 });
  });
});

describe('farmRunway(series, start, step)', () => {
  it('finds (target - trend on the last day) / slope for daily peaks on a rising line', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 30 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 1, max: 1000, noNaN: true }), (days, a, b, headroom) => {
      // 24 hourly values a day, the peak at noon on the line a + b x day
      const values = Array.from({ length: days * 24 }, (_, i) => (i % 24 === 12 ? a + b * Math.floor(i / 24) : 0));
      const last = a + b * (days - 1);
      const target = last + headroom;
      const r = farmRunway({ resource: 'cpuGHz', values, target, limit: target }, day0, 3_600_000);
      expect(r.peaks.length).toBe(days);
      expect(r.slopePerDay).toBeCloseTo(b, 6);
      expect(r.daysRemaining!).toBeCloseTo(headroom / b, 4);
    }), { numRuns: 100 });
  });

  it('answers 0 days when the trend is already over the target, null when peaks do not grow or one day is known', () => {
    const flat = farmRunway({ resource: 'cpuGHz', values: [5, 5, 5], target: 10, limit: 10 }, day0, DAY);
    expect([flat.slopePerDay, flat.daysRemaining]).toEqual([0, null]);
    expect(farmRunway({ resource: 'cpuGHz', values: [9, 11, 13], target: 10, limit: 10 }, day0, DAY).daysRemaining).toBe(0);
    expect(farmRunway({ resource: 'cpuGHz', values: [1, 2], target: 10, limit: 10 }, day0, 3_600_000).daysRemaining).toBeNull();
  });
});

describe('time chart goldens with their geometry checked', () => {
  // a week of 5-minute buckets: a daily wave 10..30 with one spike of 45 on Wednesday 14:00
  const stepMs = 300_000;
  const values = Array.from({ length: 7 * 288 }, (_, i) => (i === 2 * 288 + 168 ? 45 : 20 + 10 * Math.sin((2 * Math.PI * (i % 288)) / 288)));
  values[1000] = null as unknown as number;
  const alert = { startMs: day0 + 2 * DAY + 14 * 3_600_000, endMs: day0 + 2 * DAY + 14 * 3_600_000 + stepMs, severity: 'warning' as const, label: 'CPU above 40 for 300 s' };
  const svg = chartTimeline({ title: 'hv01 CPU', unit: 'GHz', startMs: day0, stepMs, values, target: 35, limit: 40, alerts: [alert], width: 460, height: 170 });

  it('chartTimeline draws the week reduced to one column per pixel, the spike at its height against the target', () => {
    expectGolden('timeline.svg', svg);
    const plotWidth = 460 - TIMELINE_MARGIN.left - TIMELINE_MARGIN.right;
    const bottom = 170 - TIMELINE_MARGIN.bottom;
    const envelope = points(/class="demand" d="([^"]+)"/.exec(svg)![1]!);
    // 2 points per column on each edge, never more columns than pixels
    expect(envelope.length).toBeLessThanOrEqual(4 * plotWidth);
    const topY = Math.min(...envelope.map((p) => p[1]));
    const targetY = Number(/class="target-line"[^>]*y1="([\d.]+)"/.exec(svg)![1]);
    const limitY = Number(/class="capacity-line"[^>]*y1="([\d.]+)"/.exec(svg)![1]);
    // heights above the axis are proportional to the values: 45 / 35 and 40 / 35
    expect((bottom - topY) / (bottom - targetY)).toBeCloseTo(45 / 35, 1);
    expect((bottom - limitY) / (bottom - targetY)).toBeCloseTo(40 / 35, 1);
    // the spike's column sits at its time: (2 days + 14 h) / 7 days of the plot
    const spikeX = envelope.find((p) => p[1] === topY)![0];
    expect(spikeX).toBeCloseTo(TIMELINE_MARGIN.left + (plotWidth * (2 * 24 + 14)) / (7 * 24), -0.5);
    // the alert mark at the same time, amber; the part over the target amber too
    const mark = /class="alert-mark" x="([\d.]+)"[^>]*fill="([^"]+)"/.exec(svg)!;
    expect(Number(mark[1])).toBeCloseTo(TIMELINE_MARGIN.left + (plotWidth * (2 * 24 + 14)) / (7 * 24), 0);
    expect(mark[2]).toBe('#c77d0a');
    expect(svg).toContain('class="over-target"');
    expect(svg).toContain('data-chart="timeline"');
  });

  it('chartDayHourHeatmap colours one cell per hour with the hour mean in its tooltip', () => {
    const rows = dayHourMeans(day0, stepMs, values.map((v) => (v === null ? null : (100 * v) / 35)));
    const heat = chartDayHourHeatmap(rows, { title: 'Farm CPU', unit: '%', max: 100 });
    expectGolden('farm-heatmap.svg', heat);
    expect(heat.match(/<rect x="\d+" y="\d+" width="19"/g)!.length).toBe(7 * 24);
    // Wednesday 14:00: eleven wave values and the spike of 45, as a share of 35
    const wave = Array.from({ length: 12 }, (_, j) => 168 + j).map((i) => (i === 168 ? 45 : 20 + 10 * Math.sin((2 * Math.PI * i) / 288)));
    const mean = (100 * wave.reduce((s, v) => s + v, 0)) / 12 / 35;
    expect(heat).toContain(`Wed 07 Jan 14:00 ${(Math.round(mean * 10) / 10).toFixed(1).replace(/\.0$/, '')} %`);
    // the same hour on Tuesday, without the spike, is lower by (45 - wave at 14:00) / 12 / 35
    const tuesday = (100 * wave.map((v, j) => (j === 0 ? 20 + 10 * Math.sin((2 * Math.PI * 168) / 288) : v)).reduce((s, v) => s + v, 0)) / 12 / 35;
    expect(heat).toContain(`Tue 06 Jan 14:00 ${(Math.round(tuesday * 10) / 10).toFixed(1).replace(/\.0$/, '')} %`);
  });

  it('chartRunway draws bars as long as the days remaining, red under the warning, an arrow past the horizon', () => {
    const runway = chartRunway([{ label: 'CPU', daysRemaining: 90, runsOutMs: day0 + 90 * DAY }, { label: 'Memory', daysRemaining: 400 }, { label: 'I/O', daysRemaining: null }], { horizonDays: 365, warningDays: 120 });
    expectGolden('runway.svg', runway);
    const bars = [...runway.matchAll(/<rect x="90" y="[\d.]+" width="([\d.]+)" height="15" fill="([^"]+)"/g)];
    // plot from 90 to 720 - 200 = 520: 430 px for 365 days
    expect(Number(bars[0]![1])).toBeCloseTo((430 * 90) / 365, 0);
    expect(bars[0]![2]).toBe('#b23a48');
    expect(Number(bars[1]![1])).toBeCloseTo(430, 0);
    expect(runway).toContain('90 days (05 Apr 2026)');
    expect(runway).toContain('no upward trend');
  });

  it('renderHtmlReport(timelines) draws one timeline per host and resource, the farm heatmap and the runway', () => {
    const t: ReportTimelines = { startMs: day0, stepMs, hosts: ['hv01', 'hv02'].map((host) => ({ host, vms: 3, measuredVms: 1, alerts: [alert], resources: [
      { resource: 'cpuGHz', values, target: 35, limit: 40 }, { resource: 'memoryMB', values: values.map((v) => (v === null ? null : v * 1024)), target: 40_960 }] })) };
    const html = renderHtmlReport({ timelines: t });
    expect(html.match(/data-chart="timeline"/g)!.length).toBe(4);
    expect(html.match(/data-chart="farm-heatmap"/g)!.length).toBe(2);
    expect(html).toContain('data-chart="runway"');
    // caption: the spike 45 of target 35 = 128.6 %
    expect(html).toContain('hv01 · CPU (GHz): peak 45 GHz = 128.6 % of the target 35 GHz; 1 alert marked.');
    // memory: 45 x 1,024 MB of 40,960 MB = 45 of 40 GB = 112.5 %
    expect(html).toContain('hv01 · Memory (GB): peak 45 GB = 112.5 % of the target 40 GB');
  });
});

describe('host models side by side', () => {
  const choices = [
    { model: 'r760', hosts: 5, costPerMonth: 5000, costPerVm: 5000 / 302, binding: 'cpuGHz' as const, bindingShare: 0.81, feasible: true },
    { model: 'r660', hosts: 8, costPerMonth: 6000, costPerVm: 6000 / 302, binding: 'memoryMB' as const, bindingShare: 0.9, feasible: true },
    { model: 'dl380-g5', hosts: 40, costPerMonth: 18000, costPerVm: null, binding: 'memoryMB' as const, feasible: false, note: 'cannot run 9 VM(s) or hold failover' },
  ];

  it('chartModelComparison draws bars proportional to cost, the cheapest feasible dark, the infeasible grey', async () => {
    const { chartModelComparison } = await import('../src/index.js');
    const svg = chartModelComparison(choices, { currency: 'USD' });
    expectGolden('model-comparison.svg', svg);
    const bars = [...svg.matchAll(/<rect x="170" y="[\d.]+" width="([\d.]+)" height="18" fill="([^"]+)"/g)];
    // widths proportional to cost: 5,000 : 6,000 : 18,000
    expect(Number(bars[1]![1]) / Number(bars[0]![1])).toBeCloseTo(6 / 5, 2);
    expect(Number(bars[2]![1]) / Number(bars[0]![1])).toBeCloseTo(18 / 5, 2);
    expect(bars.map((b) => b[2])).toEqual(['#2f6690', '#9cc3dd', '#cbd2d9']);
    // 5,000 / 302 = 16.56 per VM
    expect(svg).toContain('5 hosts · 17 per VM · cheapest');
  });

  it('renderHtmlReport(sizing) lists hosts, cost per month, cost per VM and the binding resource of every model', () => {
    const html = renderHtmlReport({ sizing: { hostsNeeded: 5, options: choices } });
    expect(html).toContain('<td>r760</td><td class="num" data-v="5">5</td><td class="num" data-v="5000">USD 5,000.00</td><td class="num" data-v="16.556291390728475">USD 16.56</td><td>CPU (81 % used)</td><td>yes</td>');
    expect(html).toContain('<td>no: cannot run 9 VM(s) or hold failover</td>');
  });
});

describe('alerts in the measurements section', () => {
  it('print the counter path once: the subject, then the message without it', () => {
    const path = '\\\\HV01\\Processor(_Total)\\% Processor Time';
    const html = renderHtmlReport({ measurements: { alerts: [{ severity: 'warning', subject: path, message: `${path} above 50 for 300 s` }] } });
    expect(html.split(path.replaceAll('\\', '\\')).length - 1).toBe(1);
    expect(html).toContain('above 50 for 300 s</div>');
  });
});

describe('alerts on the chart of their resource', () => {
  it('marks an alert that names its resource on that chart only, one that does not on every chart of the host', () => {
    const values = [1, 2, 3, 4];
    const html = renderHtmlReport({ timelines: { startMs: day0, stepMs: 3_600_000, hosts: [{ host: 'hv01', alerts: [
      { resource: 'cpuGHz', startMs: day0, endMs: day0 + 3_600_000, severity: 'warning', label: 'cpu' },
      { startMs: day0, endMs: day0 + 3_600_000, severity: 'critical', label: 'any' },
    ], resources: [{ resource: 'cpuGHz', values, target: 5 }, { resource: 'memoryMB', values: values.map((v) => v * 1024), target: 5120 }] }] } });
    expect(html).toContain('hv01 · CPU (GHz): peak 4 GHz = 80 % of the target 5 GHz; 2 alerts marked.');
    expect(html).toContain('hv01 · Memory (GB): peak 4 GB = 80 % of the target 5 GB; 1 alert marked.');
  });
});
