import { chartGrowth } from '../../charts/growthChart.js';
import { formatNumber, formatPercent } from '../../format/number.js';
import { RESOURCE_DISPLAY } from '../../format/resources.js';
import { escapeHtml } from '../escape.js';
import { figure, type Section, type SectionContext } from './context.js';

/**
 * Growth and time remaining: demand history and projection against capacity, and the days
 * until it runs out (warning under `warningDays`, 120 by default as in VMware Aria).
 *
 * @example
 * sectionGrowth(ctx)?.id // => 'growth'
 */
export function sectionGrowth(ctx: SectionContext): Section | null {
  const g = ctx.input.growth;
  if (!g || g.history.length === 0) return null;
  const warn = g.warningDays ?? 120;
  const label = RESOURCE_DISPLAY[g.resource]?.label ?? g.resource;
  const status = g.daysRemaining === null ? 'status-ok' : g.daysRemaining < warn ? 'status-bad' : 'status-ok';
  const remaining = g.daysRemaining === null ? 'capacity is not reached within the projection' : `${formatNumber(g.daysRemaining, 0)} days remain until ${escapeHtml(label.toLowerCase())} runs out`;
  const html = `<p class="${status}"><strong>${remaining}</strong>${g.daysRemaining !== null && g.daysRemaining < warn ? ` (under the ${warn}-day warning)` : ''}.${g.monthlyGrowth !== undefined ? ` Demand grows ${escapeHtml(formatPercent(g.monthlyGrowth))} per month.` : ''}</p>` +
    figure(chartGrowth(g), `${label} demand (${g.unit}): observed solid, projected dashed; capacity ${formatNumber(g.capacity)} ${g.unit}.`);
  return { id: 'growth', title: 'Growth and time remaining', html };
}
