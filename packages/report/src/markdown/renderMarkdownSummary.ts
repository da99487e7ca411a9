import { costTotal } from '../aggregate/costs.js';
import { formatMoney, formatNumber } from '../format/number.js';
import { RESOURCE_DISPLAY } from '../format/resources.js';
import { mergedAssumptions } from '../html/sections/assumptions.js';
import type { ReportInput } from '../input/types.js';
import { escapeMarkdown as md } from './escapeMarkdown.js';

/** Options of {@link renderMarkdownSummary}. */
export interface MarkdownOptions {
  /** Unplaced VMs listed before "and N more". @defaultValue 10 */
  readonly maxUnplaced?: number;
}

/**
 * A short Markdown summary for a ticket: hosts, binding resource, VMs placed, failover, cost
 * per VM, the first unplaced VMs, and the count of assumptions with where to find them.
 * Every name is escaped.
 *
 * @example
 * renderMarkdownSummary({ plan }).startsWith('## ') // => true
 */
export function renderMarkdownSummary(input: ReportInput, options: MarkdownOptions = {}): string {
  const { maxUnplaced = 10 } = options;
  const { plan, sizing, failover, costs } = input;
  const rows: [string, string][] = [];
  if (sizing) rows.push(['Hosts needed', `${formatNumber(sizing.hostsNeeded, 0)}${sizing.hostModel ? ` (${md(sizing.hostModel)})` : ''}${sizing.lowerBound !== undefined ? ` (lower bound ${formatNumber(sizing.lowerBound, 0)})` : ''}`]);
  if (plan) rows.push(['Hosts used', `${formatNumber(plan.summary?.hostsUsed ?? plan.hosts.filter((h) => (h.vms?.length ?? 1) > 0).length, 0)} of ${formatNumber(plan.hosts.length, 0)}`]);
  const binding = sizing?.binding ?? plan?.summary?.binding;
  if (binding) rows.push(['Binding resource', `${RESOURCE_DISPLAY[binding].label} (${RESOURCE_DISPLAY[binding].unit})`]);
  if (plan) rows.push(['VMs placed', `${formatNumber(plan.placements.length, 0)}; unplaced ${formatNumber(plan.unplaced.length, 0)}`]);
  if (failover) rows.push(['Failover', `${failover.met ? 'met' : `**${failover.verdict === 'not proven' ? 'not proven' : 'not met'}**`}${failover.coverage ? ` (${formatNumber(failover.coverage.checked, 0)} of ${formatNumber(failover.coverage.total, 0)} failure sets re-placed)` : ''}: tolerates ${md(failover.toleratedFailures)}${failover.requiredFailures !== undefined ? ` of ${md(failover.requiredFailures)} required` : ''} host failure(s)${failover.worstScenario ? `; worst set ${md(failover.worstScenario.failedHosts.join(', '))}` : ''}${failover.notRestarted?.length ? `; ${failover.notRestarted.length} VMs would not restart` : ''}`]);
  if (costs) {
    const total = costTotal(costs);
    const per = costs.period ?? 'month';
    const vmCount = costs.vmCount ?? plan?.placements.length;
    rows.push([`Cost per ${per}`, `${formatMoney(total, md(costs.currency ?? 'USD'))}${vmCount ? `; ${formatMoney(total / vmCount, md(costs.currency ?? 'USD'))} per VM` : ''}`]);
  }
  if (input.growth) rows.push(['Time remaining', input.growth.daysRemaining === null ? 'not reached within the projection' : `${formatNumber(input.growth.daysRemaining, 0)} days (${md(RESOURCE_DISPLAY[input.growth.resource]?.label ?? input.growth.resource)})`]);
  const lines = [`## ${md(input.title ?? 'Capacity plan')}`, ''];
  if (input.generatedAt) lines.push(`Inputs of ${md(input.generatedAt)}.`, '');
  if (rows.length) lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  const unplaced = plan?.unplaced ?? [];
  if (unplaced.length) {
    lines.push(`### Unplaced VMs (${formatNumber(unplaced.length, 0)})`, '');
    for (const u of unplaced.slice(0, maxUnplaced)) lines.push(`- ${md(u.vm)}: ${u.reasons[0] ? md(u.reasons[0].message) : 'no reason given'}${u.reasons.length > 1 ? ` (and ${u.reasons.length - 1} more hosts)` : ''}`);
    if (unplaced.length > maxUnplaced) lines.push(`- and ${formatNumber(unplaced.length - maxUnplaced, 0)} more (see the CSV export)`);
    lines.push('');
  }
  const assumptions = mergedAssumptions({ input });
  if (assumptions.length) lines.push(`${assumptions.length} assumptions (${assumptions.filter((a) => a.isDefault).length} defaults) shaped these figures; see the HTML report or the JSON export.`, '');
  return lines.join('\n');
}
