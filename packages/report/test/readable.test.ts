import { describe, expect, it } from 'vitest';
import { chartUtilisationMatrix, renderHtmlReport, type ReportInput } from '../src/index.js';
import { matrixLegend } from '../src/charts/utilisationMatrix.js';

/** Bars of a matrix as [width, colour, target tick x, reserve tick x or null], in drawing order. */
function bars(svg: string): [number, string, number, number | null][] {
  return [...svg.matchAll(/<rect class="bar level-\d" width="([\d.]+)" height="12" fill="([^"]+)"\/>(?:<path[^>]*\/>)?<line class="target-line" x1="([\d.]+)"[^>]*\/>(?:<line class="reserve-line" x1="([\d.]+)")?/g)]
    .map((m) => [Number(m[1]), m[2]!, Number(m[3]), m[4] === undefined ? null : Number(m[4])]);
}

describe('readable utilisation bars', () => {
  const rows = [
    // 40 of target 72 (total 100, 10 reserved, ceiling 0.8): 55.6 %, under 80 %: light; reserve begins at 90 / 72 = 125 %
    { label: 'hv-01', cells: [{ used: 40, capacity: 72, total: 100, reserved: 10 }] },
    // 72 of 72: 100 %: blue, the bar ends on the target tick
    { label: 'hv-02', cells: [{ used: 72, capacity: 72, total: 100, reserved: 10 }] },
    // 80 of 72: 111 %: amber; 95 of 72: past the reserve at 125 %: red
    { label: 'hv-03', cells: [{ used: 80, capacity: 72, total: 100, reserved: 10 }] },
    { label: 'hv-04', cells: [{ used: 95, capacity: 72, total: 100, reserved: 10 }] },
  ];
  const svg = chartUtilisationMatrix({ title: 'Use', columns: ['CPU (GHz)'], units: ['GHz'], rows, width: 600 });

  it('draws each bar as the share of the target the table prints: bar / target tick = used / target', () => {
    const b = bars(svg);
    expect(b.length).toBe(4);
    rows.forEach((r, i) => expect(b[i]![0] / b[i]![2]).toBeCloseTo(r.cells[0]!.used / r.cells[0]!.capacity, 2));
    // the reserve tick at (100 - 10) / 72 = 1.25 of the target
    for (const [, , target, reserve] of b) expect(reserve! / target).toBeCloseTo(1.25, 2);
  });

  it('colours bars by level: under 80 %, up to the target, over it, into the reserve', () => {
    expect(bars(svg).map((b) => b[1])).toEqual(['#9cc3dd', '#2f6690', '#c77d0a', '#b23a48']);
  });

  it('uses the width it is given: 600 px for one column is wider than the old 118 px panels', () => {
    expect(svg).toContain('width="600"');
  });

  it('draws no reserve tick where the reserve begins at the target, and the words say none', () => {
    const flat = [{ label: 'h', cells: [{ used: 50, capacity: 90, total: 100, reserved: 10 }] }];
    expect(chartUtilisationMatrix({ title: 'Use', columns: ['CPU'], units: ['GHz'], rows: flat })).not.toContain('reserve-line');
    expect(matrixLegend(flat)).not.toContain('red tick');
    expect(matrixLegend(rows)).toContain('the red tick where the reserve begins');
  });

  it('renderHtmlReport: a plan without totals (hostplan report --plan) is not told about a red tick', () => {
    const input: ReportInput = { plan: { placements: [{ vm: 'a', host: 'h1' }], unplaced: [], hosts: [{ id: 'h1', used: { memoryMB: 8192 }, capacity: { memoryMB: 12288 }, vms: ['a'] }] } };
    const html = renderHtmlReport(input);
    expect(html).not.toContain('red tick');
    expect(html).not.toContain('class="reserve-line"');
    // the table says 66.7 %, the bar is 8,192 / 12,288 = 66.7 % of the target: one scale
    expect(html).toContain('>66.7 %</td>');
  });
});
