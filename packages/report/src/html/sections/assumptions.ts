import type { Assumption } from '@hostplan/core';
import { htmlTable } from '../table.js';
import { assumptionGroup, isMachineSetting, sourceForPeople, valueForPeople, type AssumptionGroup } from './assumptionText.js';
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
 * A value for the assumptions table, as people read it (see `valueForPeople`).
 *
 * @example
 * assumptionValue({ cpu: 0.8 }) // => 'cpu: 0.8'
 */
export function assumptionValue(value: unknown): string {
  return valueForPeople(value);
}

const GROUPS: readonly { readonly id: AssumptionGroup; readonly title: string }[] = [
  { id: 'placement', title: 'Placement and failover' }, { id: 'measurements', title: 'Measurements' }, { id: 'cost', title: 'Cost' }, { id: 'other', title: 'Other' },
];

function rows(list: readonly Assumption[]) {
  return list.map((a) => [{ code: a.name }, valueForPeople(a.value), a.unit ?? '', sourceForPeople(a.source)]);
}

/**
 * Assumptions for people: grouped (placement and failover, measurements, cost), in each group
 * the values set by the input first, then the defaults collapsed under a summary line; sources
 * by document title; values as text, never raw JSON; settings of the machine that ran hostplan
 * (spill directory, memory budget) left to the JSON export, and counted.
 *
 * @example
 * sectionAssumptions(ctx)?.id // => 'assumptions'
 */
export function sectionAssumptions(ctx: SectionContext): Section | null {
  const all = mergedAssumptions(ctx);
  const list = all.filter((a) => !isMachineSetting(a));
  if (list.length === 0) return null;
  const defaults = list.filter((a) => a.isDefault).length;
  const machine = all.length - list.length;
  let html = `<p>${list.length} ${list.length === 1 ? 'figure' : 'figures'} shaped this plan: ${list.length - defaults} set by your input, ${defaults} ${defaults === 1 ? 'default' : 'defaults'} (override any in the policy file or on the command line, by the name shown).${machine ? ` ${machine} setting${machine === 1 ? '' : 's'} of the machine that ran hostplan (temporary files, memory) change no figure and are in the JSON export only.` : ''}</p>`;
  for (const g of GROUPS) {
    const mine = list.filter((a) => assumptionGroup(a.name) === g.id);
    if (mine.length === 0) continue;
    const set = mine.filter((a) => !a.isDefault);
    const def = mine.filter((a) => a.isDefault);
    const head = ['Name', 'Value', 'Unit', 'Source'];
    html += `<h3>${g.title}</h3>`;
    html += set.length ? htmlTable(head, rows(set), { className: 'assumptions', caption: 'Set by your input.' }) : '<p class="note">Nothing set by your input: every figure below is a default.</p>';
    if (def.length) html += `<details><summary>${def.length} default${def.length === 1 ? '' : 's'}</summary>${htmlTable(head, rows(def), { className: 'assumptions' })}</details>`;
  }
  return { id: 'assumptions', title: 'Assumptions', html };
}
