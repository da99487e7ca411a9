import type { Assumption } from '@hostplan/core';
import { htmlTable } from '../table.js';
import type { Section, SectionContext } from './context.js';

/**
 * The plan's and the input's assumptions, one per name (the input's win), in name order.
 *
 * @example
 * mergedAssumptions({ input: { assumptions: [b, a] } }) // => [a, b]
 */
export function mergedAssumptions(ctx: Pick<SectionContext, 'input'>): Assumption[] {
  const byName = new Map<string, Assumption>();
  for (const a of ctx.input.plan?.assumptions ?? []) byName.set(a.name, a);
  for (const a of ctx.input.assumptions ?? []) byName.set(a.name, a);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A value for the assumptions table: JSON for objects, as written otherwise.
 *
 * @example
 * assumptionValue({ cpu: 0.8 }) // => '{"cpu":0.8}'
 */
export function assumptionValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * Assumptions: every default and input that shaped the numbers, with unit and source.
 *
 * @example
 * sectionAssumptions(ctx)?.id // => 'assumptions'
 */
export function sectionAssumptions(ctx: SectionContext): Section | null {
  const list = mergedAssumptions(ctx);
  if (list.length === 0) return null;
  const defaults = list.filter((a) => a.isDefault).length;
  const html = `<p>${list.length} ${list.length === 1 ? 'figure' : 'figures'} shaped this plan: ${defaults} ${defaults === 1 ? 'default' : 'defaults'}, ${list.length - defaults} set by the input. Override any default in the policy file.</p>` +
    htmlTable(['Name', 'Value', 'Unit', 'Set by', 'Source'], list.map((a) => [a.name, assumptionValue(a.value), a.unit ?? '', a.isDefault ? 'default' : 'input', a.source]), { className: 'assumptions' });
  return { id: 'assumptions', title: 'Assumptions', html };
}
