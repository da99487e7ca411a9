import { scaleLinear, format } from 'd3';
import type { SizingChoice } from '../input/types.js';
import { escapeHtml } from '../html/escape.js';
import { axisBottom } from './axis.js';
import { PALETTE } from './palette.js';
import { finiteOr, len, spanDomain, svgChart, svgText } from './svg.js';

/**
 * Host models side by side: one bar per model as long as its cost per month, labelled with its
 * host count and cost per VM; the cheapest feasible model dark, the other feasible ones light,
 * infeasible ones grey and marked.
 *
 * @example
 * chartModelComparison([{ model: 'R760', hosts: 6, costPerMonth: 9000, costPerVm: 30 }], { currency: 'USD' })
 */
export function chartModelComparison(choices: readonly SizingChoice[], options: { currency: string; width?: number }): string {
  const { currency, width = 760 } = options;
  const m = { top: 8, right: 250, bottom: 40, left: 170 };
  const row = 28;
  const height = m.top + choices.length * row + m.bottom;
  const cost = (c: SizingChoice) => Math.max(0, finiteOr(c.costPerMonth, 0));
  const x = scaleLinear(spanDomain(0, Math.max(0, ...choices.map(cost))), [m.left, width - m.right]).nice();
  const feasible = choices.filter((c) => c.feasible !== false && Number.isFinite(c.costPerMonth));
  const cheapest = feasible.length ? feasible.reduce((a, b) => (cost(b) < cost(a) ? b : a)) : null;
  const money = format(',.0f');
  // the axis and its grid first, so that the bars cover the grid lines
  const parts: string[] = [axisBottom(x, height - m.bottom, { format: format(',~s'), label: `${currency} per month`, ticks: 5, grid: height - m.bottom - m.top })];
  choices.forEach((c, i) => {
    const y = m.top + i * row;
    const fill = c.feasible === false ? PALETTE.rule : c === cheapest ? PALETTE.accent : PALETTE.accentLight;
    const label = `${c.hosts} host${c.hosts === 1 ? '' : 's'}${c.costPerVm != null && Number.isFinite(c.costPerVm) ? ` · ${money(c.costPerVm)} per VM` : ''}${c.feasible === false ? ' · not feasible' : c === cheapest ? ' · cheapest' : ''}`;
    parts.push(svgText(m.left - 8, y + 18, c.model.length > 26 ? c.model.slice(0, 25) + '…' : c.model, 'class="row-label" text-anchor="end"'),
      `<rect x="${m.left}" y="${y + 5}" width="${len(x(cost(c)) - m.left)}" height="18" fill="${fill}"><title>${escapeHtml(`${c.model}: ${currency} ${money(cost(c))} per month, ${label}`)}</title></rect>`,
      svgText(x(cost(c)) + 6, y + 18, label, 'class="value"'));
  });
  return svgChart({ kind: 'model-comparison', width, height, title: `Host models compared: cost per month (${currency})` }, parts.join(''));
}
