import { describe, expect, it } from 'vitest';
import { chartCostBars, chartPairedBars } from '../src/index.js';

/** The bars of a chart: every `<rect>` with a fill other than the legend swatches, as numbers. */
function rects(svg: string): { x: number; y: number; width: number; height: number }[] {
  return [...svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.-]+)" height="([\d.-]+)"/g)]
    .map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) }));
}
const svgHeight = (svg: string) => Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)![1]);

/**
 * A d3 band scale's geometry, computed here without d3: n bands over [start, stop] with inner and
 * outer padding p and centred (align 0.5): step = length / (n - p + 2p), band = step (1 - p),
 * first band at start + (length - step (n - p)) / 2.
 */
function bands(n: number, start: number, stop: number, padding: number): { y: (i: number) => number; band: number } {
  const step = (stop - start) / (n - padding + 2 * padding);
  const first = start + (stop - start - step * (n - padding)) / 2;
  return { y: (i) => first + i * step, band: step * (1 - padding) };
}
const round1 = (x: number) => Math.round(x * 10) / 10;

describe('chart geometry from the charts\' own arithmetic', () => {
  it('chartPairedBars: bar lengths proportional to the values over [left, width - right], rows in bands', () => {
    // margins 26/70/42/150, row 26 px: height = 26 + 2 x 26 + 42 = 120; x from 150 to 620 - 70 = 550
    // the largest value, 40, is already a nice domain end: 400 px for 40, so 10 px per unit
    const svg = chartPairedBars({ title: 't', unit: 'GHz', names: ['sum', 'peak'], rows: [{ label: 'h1', a: 40, b: 20 }, { label: 'h2', a: 10, b: 30 }] });
    expect(svgHeight(svg)).toBe(120);
    const bars = rects(svg).slice(2); // after the two legend swatches
    expect(bars.map((b) => b.width)).toEqual([400, 200, 100, 300]);
    expect(bars.every((b) => b.x === 150)).toBe(true);
    const { y, band } = bands(2, 26, 120 - 42, 0.18);
    expect(bars.map((b) => b.y)).toEqual([y(0), y(0) + band / 2, y(1), y(1) + band / 2].map(round1));
    expect(bars.map((b) => b.height)).toEqual([1, 1, 1, 1].map(() => round1(band / 2)));
  });

  it('chartCostBars: each category a bar of amount / nice(max) of the plotting width', () => {
    // margins 8/130/42/130, row 28 px: height = 8 + 3 x 28 + 42 = 134; x from 130 to 620 - 130 = 490 (360 px)
    // max 900 -> nice domain [0, 900]: 0.4 px per dollar: 900 -> 360, 450 -> 180, 90 -> 36
    const svg = chartCostBars([{ category: 'hardware', amount: 900 }, { category: 'licences', amount: 450 }, { category: 'power', amount: 90 }], { currency: 'USD', period: 'month' });
    expect(svgHeight(svg)).toBe(134);
    const bars = rects(svg);
    expect(bars.map((b) => b.width)).toEqual([360, 180, 36]);
    const { y, band } = bands(3, 8, 134 - 42, 0.25);
    expect(bars.map((b) => b.y)).toEqual([0, 1, 2].map((i) => round1(y(i))));
    expect(bars.map((b) => b.height)).toEqual([band, band, band].map(round1));
    expect(svg).toContain('900 (63%)'); // 900 / 1,440 = 62.5 % -> 63 %
  });
});
