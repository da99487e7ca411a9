import { escapeHtml } from '../escape.js';
import { formatMoney, formatNumber } from '../../format/number.js';
import { RESOURCE_DISPLAY } from '../../format/resources.js';
import { costTotal } from '../../aggregate/costs.js';
import { htmlTable } from '../table.js';
import type { Section, SectionContext } from './context.js';

/** A summary card; `result` names the value for the page's what-if script and tests (`data-hostplan`). */
function card(label: string, value: string, sub = '', cls = '', result = ''): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value${cls ? ' ' + cls : ''}"${result ? ` data-hostplan="${result}"` : ''}>${escapeHtml(value)}</div>${sub ? `<div class="sub">${escapeHtml(sub)}</div>` : ''}</div>`;
}

/**
 * The summary: hosts needed and of which model, binding resource, VMs placed, failover status,
 * cost per VM; then the price sheet the cost comes from. Null when there is nothing to sum up.
 *
 * @example
 * sectionSummary(ctx)?.id // => 'summary'
 */
export function sectionSummary(ctx: SectionContext): Section | null {
  const { plan, sizing, failover, costs, priceSheet } = ctx.input;
  const cards: string[] = [];
  const models = new Map<string, number>();
  for (const h of plan?.hosts ?? []) if (h.model) models.set(h.model, (models.get(h.model) ?? 0) + 1);
  const usedHosts = plan ? plan.summary?.hostsUsed ?? plan.hosts.filter((h) => (h.vms?.length ?? 1) > 0).length : undefined;
  if (sizing) {
    cards.push(card('Hosts needed', formatNumber(sizing.hostsNeeded, 0), [sizing.hostModel, sizing.spareHosts ? `incl. ${sizing.spareHosts} spare` : '', sizing.lowerBound !== undefined ? `lower bound ${formatNumber(sizing.lowerBound, 0)}` : ''].filter(Boolean).join(' · ')));
  } else if (usedHosts !== undefined) {
    const model = [...models.entries()].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${formatNumber(n, 0)} × ${m}`).slice(0, 2).join(', ');
    const lb = plan?.summary?.lowerBound;
    cards.push(card('Hosts used', formatNumber(usedHosts, 0), [model, lb !== undefined ? `lower bound ${formatNumber(lb, 0)}` : ''].filter(Boolean).join(' · '), '', 'hosts-used'));
  }
  const binding = sizing?.binding ?? plan?.summary?.binding;
  if (binding) cards.push(card('Binding resource', RESOURCE_DISPLAY[binding].label, `runs out first (${RESOURCE_DISPLAY[binding].unit})`));
  if (plan) {
    const placed = plan.summary?.vmsPlaced ?? plan.placements.length;
    const unplaced = plan.summary?.vmsUnplaced ?? plan.unplaced.length;
    cards.push(card('VMs placed', formatNumber(placed, 0), unplaced > 0 ? `${formatNumber(unplaced, 0)} unplaced` : 'all placed', unplaced > 0 ? 'status-bad' : ''));
  }
  if (failover) {
    const req = failover.requiredFailures;
    const worst = failover.worstScenario?.failedHosts.length ? `worst: ${failover.worstScenario.failedHosts.slice(0, 3).join(', ')}${failover.worstScenario.failedHosts.length > 3 ? ', …' : ''}` : '';
    const tolerated = `tolerates ${failover.toleratedFailures} host failure${failover.toleratedFailures === 1 ? '' : 's'}`;
    // a verdict is proven or says it is not: 'not proven' when no set checked failed but not every set was checked
    const verdict = failover.met ? 'met' : failover.verdict === 'not proven' ? 'not proven (met on the sets checked)' : 'not met';
    cards.push(card('Failover', `${req !== undefined ? `N+${req} ` : ''}${verdict}`, [tolerated, worst].filter(Boolean).join(' · '), failover.met ? 'status-ok' : 'status-bad', 'failover-verdict'));
  }
  if (costs) {
    const total = costTotal(costs);
    const per = costs.period ?? 'month';
    const vmCount = costs.vmCount ?? plan?.placements.length;
    if (vmCount) cards.push(card(`Cost per VM per ${per}`, formatMoney(total / vmCount, costs.currency ?? 'USD'), `${formatMoney(total, costs.currency ?? 'USD')} for ${formatNumber(vmCount, 0)} VMs`));
    else cards.push(card(`Cost per ${per}`, formatMoney(total, costs.currency ?? 'USD')));
  }
  let html = cards.length ? `<div class="cards">${cards.join('')}</div>` : '';
  if (priceSheet?.length) {
    html += '<h3>Price sheet</h3>' + htmlTable(['Item', 'Unit', 'Unit price', 'Quantity', 'Line total', 'Source'], priceSheet.map((p) => [
      p.item, p.unit, { text: formatMoney(p.unitPrice, p.currency ?? costs?.currency ?? 'USD'), value: p.unitPrice },
      { text: p.quantity === undefined ? '–' : formatNumber(p.quantity, 2), value: p.quantity ?? NaN },
      { text: p.quantity === undefined ? '–' : formatMoney(p.unitPrice * p.quantity, p.currency ?? costs?.currency ?? 'USD'), value: p.quantity === undefined ? NaN : p.unitPrice * p.quantity },
      p.source ?? '',
    ]), { numeric: [2, 3, 4], caption: 'Every price is an input; change it in the price sheet and re-run.' });
  }
  return html ? { id: 'summary', title: 'Summary', html } : null;
}
