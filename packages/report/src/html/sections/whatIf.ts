import { POLICY_DEFAULTS, type Resource } from '@hostplan/core';
import { RESOURCE_DISPLAY } from '../../format/resources.js';
import { escapeHtml } from '../escape.js';
import type { Section, SectionContext } from './context.js';

/** Resources with a target-utilisation control, in this order. */
export const WHAT_IF_RESOURCES: readonly Resource[] = ['cpuGHz', 'memoryMB', 'iops', 'storageGB', 'networkMbps'];

const field = (label: string, control: string, hint = '') => `<label class="whatif-field"><span>${escapeHtml(label)}</span>${control}${hint ? `<small>${escapeHtml(hint)}</small>` : ''}</label>`;

/**
 * The what-if controls: failover k, the target utilisation of each resource, the comfort
 * factor, growth and margin, set to what the plan was made with. The page's script re-plans with
 * core when one changes and redraws the summary, host use, placement and failover sections;
 * without scripts the controls do nothing and the page reads as written. Null without
 * `input.whatIf`.
 *
 * @example
 * sectionWhatIf(ctx)?.id // => 'whatif'
 */
export function sectionWhatIf(ctx: SectionContext): Section | null {
  const w = ctx.input.whatIf;
  if (!w) return null;
  const targets = WHAT_IF_RESOURCES.map((r) => {
    const v = w.policy.targetUtilization?.[r] ?? POLICY_DEFAULTS.targetUtilization[r];
    return field(`${RESOURCE_DISPLAY[r].label} target`, `<input type="number" name="targetUtilization" data-resource="${r}" min="0.05" max="1" step="0.05" value="${v}">`, 'share after reserves');
  }).join('');
  const measured = w.measured?.length ?? 0;
  const priced = w.costPerHostMonth !== undefined;
  const controls = [
    field('Host failures to survive', `<input type="number" name="failover" min="0" max="${Math.max(0, w.hosts.length - 1)}" step="1" value="${w.failover}">`, 'N+k per cluster'),
    targets,
    field('Comfort factor', `<input type="number" name="comfortFactor" min="0.5" max="3" step="0.05" value="${w.comfortFactor ?? 1}"${measured ? '' : ' disabled'}>`, measured ? `scales the ${measured} measured VMs` : 'no measured VMs'),
    field('Growth (% more VMs)', '<input type="number" name="growth" min="0" max="500" step="5" value="0">', 'copies of the inventory'),
    field('Margin (%)', `<input type="number" name="margin" min="0" max="95" step="1" value="${Math.round((w.margin ?? 0.35) * 100)}"${priced ? '' : ' disabled'}>`, priced ? 'price = cost / (1 - margin)' : 'no host cost in this report'),
  ].join('');
  const html = `<p>Change a setting and the page re-plans with hostplan's own planning core, from the hosts, VMs and policy this report carries: the summary, host use, placement and failover sections follow. The same settings given to <code>hostplan plan</code> give the same answer. Time charts and measurements stay as measured.</p>` +
    `<form class="whatif" data-hostplan="whatif">${controls}</form>` +
    `<p class="whatif-status" data-hostplan="whatif-status" aria-live="polite">The plan as hostplan wrote it${w.failover ? `, checked for ${w.failover} host failure${w.failover === 1 ? '' : 's'}` : ''}.</p>` +
    (priced ? '<p data-hostplan="price-per-vm"></p>' : '');
  return { id: 'whatif', title: 'What if', html };
}
