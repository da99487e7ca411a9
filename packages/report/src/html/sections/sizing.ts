import { chartModelComparison } from '../../charts/modelComparison.js';
import { formatMoney, formatNumber, formatPercent } from '../../format/number.js';
import { RESOURCE_DISPLAY } from '../../format/resources.js';
import { htmlTable } from '../table.js';
import { figure, type Section, type SectionContext } from './context.js';

/**
 * Host models side by side: for every model sized for the same VMs, the hosts it needs, its
 * cost per month and per VM, and the resource that binds it (with its use), cheapest first as
 * the sizing gave them; a bar chart of the costs.
 *
 * @example
 * sectionSizing(ctx)?.id // => 'sizing'
 */
export function sectionSizing(ctx: SectionContext): Section | null {
  const options = ctx.input.sizing?.options ?? [];
  if (options.length === 0) return null;
  const currency = ctx.input.costs?.currency ?? 'USD';
  const rows = options.map((o) => [
    o.model, { text: formatNumber(o.hosts, 0), value: o.hosts }, { text: formatMoney(o.costPerMonth, currency), value: o.costPerMonth ?? NaN },
    { text: o.costPerVm == null ? '–' : formatMoney(o.costPerVm, currency), value: o.costPerVm ?? NaN },
    o.binding ? `${RESOURCE_DISPLAY[o.binding].label}${o.bindingShare !== undefined ? ` (${formatPercent(o.bindingShare)} used)` : ''}` : '–',
    o.feasible === false ? `no: ${o.note ?? 'not feasible'}` : o.note ?? 'yes',
  ]);
  const html = '<p>Every host model sized for the same VMs, policy and failover: how many hosts each needs, what it costs and which resource runs out first.</p>' +
    figure(chartModelComparison(options, { currency }), `Cost per month of each model in ${currency}, labelled with its hosts and cost per VM; dark: the cheapest feasible model; grey: not feasible.`) +
    htmlTable(['Model', 'Hosts', 'Cost per month', 'Cost per VM per month', 'Binding resource', 'Feasible'], rows, { numeric: [1, 2, 3], caption: 'Click a header to sort.' });
  return { id: 'sizing', title: 'Host models compared', html };
}
