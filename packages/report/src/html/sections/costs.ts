import { chartCostBars } from '../../charts/costBars.js';
import { costTotal } from '../../aggregate/costs.js';
import { formatMoney, formatPercent } from '../../format/number.js';
import { htmlTable } from '../table.js';
import { figure, type Section, type SectionContext } from './context.js';
import { formatNumber } from '../../format/number.js';

/**
 * Cost breakdown by category (hardware, licences, power, rack, administration) with shares and
 * the cost per VM.
 *
 * @example
 * sectionCosts(ctx)?.id // => 'costs'
 */
export function sectionCosts(ctx: SectionContext): Section | null {
  const c = ctx.input.costs;
  if (!c || c.lines.length === 0) return null;
  const currency = c.currency ?? 'USD';
  const period = c.period ?? 'month';
  const total = costTotal(c);
  const vmCount = c.vmCount ?? ctx.input.plan?.placements.length;
  const rows = c.lines.map((l) => [l.category, { text: formatMoney(l.amount, currency), value: l.amount }, { text: total > 0 ? formatPercent(l.amount / total) : '–', value: total > 0 ? l.amount / total : NaN },
    { text: vmCount ? formatMoney(l.amount / vmCount, currency) : '–', value: vmCount ? l.amount / vmCount : NaN }, l.note ?? '']);
  rows.push(['total', { text: formatMoney(total, currency), value: total }, { text: '100 %', value: 1 }, { text: vmCount ? formatMoney(total / vmCount, currency) : '–', value: vmCount ? total / vmCount : NaN }, vmCount ? `${formatNumber(vmCount, 0)} VMs` : '']);
  const html = figure(chartCostBars(c.lines, { currency, period }), `Cost per ${period} in ${currency}, by category.`) +
    htmlTable(['Category', `Per ${period}`, 'Share', `Per VM per ${period}`, 'Note'], rows, { numeric: [1, 2, 3], sortable: false });
  return { id: 'costs', title: 'Cost breakdown', html };
}
