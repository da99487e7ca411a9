import { max, scaleBand, scaleLinear, format } from 'd3';
import { escapeHtml } from '../html/escape.js';
import { axisBottom } from './axis.js';
import { PALETTE } from './palette.js';
import { finiteOr, len, px, spanDomain, svgChart, svgText } from './svg.js';

/**
 * Cost per category as horizontal bars with the amount and its share of the total.
 *
 * @example
 * chartCostBars([{ category: 'hardware', amount: 1200 }], { currency: 'USD', period: 'month' })
 */
export function chartCostBars(input: readonly { readonly category: string; readonly amount: number }[], options: { currency: string; period: string; width?: number }): string {
  const { currency, period, width = 620 } = options;
  // Bars for non-negative finite amounts; the table under the chart shows every amount as given.
  const lines = input.map((l) => ({ category: l.category, amount: Math.max(0, finiteOr(l.amount, 0)) }));
  const m = { top: 8, right: 130, bottom: 42, left: 130 };
  const rowHeight = 28;
  const height = m.top + lines.length * rowHeight + m.bottom;
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const x = scaleLinear(spanDomain(0, max(lines, (l) => l.amount) ?? 1), [m.left, width - m.right]).nice();
  const y = scaleBand(lines.map((_, i) => String(i)), [m.top, height - m.bottom]).padding(0.25);
  const money = format(',.0f');
  const parts: string[] = [];
  lines.forEach((l, i) => {
    const y0 = y(String(i)) ?? 0;
    const share = total > 0 ? ` (${format('.0%')(l.amount / total)})` : '';
    parts.push(svgText(m.left - 8, y0 + y.bandwidth() / 2 + 4, l.category, 'class="row-label" text-anchor="end"'),
      `<rect x="${m.left}" y="${px(y0)}" width="${len(x(l.amount) - m.left)}" height="${len(y.bandwidth())}" fill="${PALETTE.accent}"><title>${escapeHtml(`${l.category}: ${currency} ${money(l.amount)} per ${period}`)}</title></rect>`,
      svgText(Math.max(x(l.amount), m.left) + 5, y0 + y.bandwidth() / 2 + 4, `${money(l.amount)}${share}`, 'class="value"'));
  });
  parts.push(axisBottom(x, height - m.bottom, { format: format(',~s'), label: `${currency} per ${period}`, ticks: 5, grid: height - m.bottom - m.top }));
  return svgChart({ kind: 'cost-breakdown', width, height, title: `Cost per ${period} by category (${currency})` }, parts.join(''));
}
