import { formatDecimal, type Assumption } from '@hostplan/core';

/** Title of the hosting whitepaper the project's `seed` sources refer to. */
export const SEED_TITLE = 'Microsoft whitepaper "Provisioning and managing Hyper-V virtual machines in a hosting environment" (Windows Server 2008)';

/**
 * A source as people read it: internal shorthands replaced by document titles: `seed` by the
 * hosting whitepaper's title, `domain.md N:` dropped (the title follows it), `input` by "your
 * input"; anything else as written.
 *
 * @example
 * sourceForPeople('domain.md 7: PAL Hyper-V thresholds') // => 'PAL Hyper-V thresholds'
 * sourceForPeople('seed: "leave at least 512 MB available"') // => 'Microsoft whitepaper "Provisioning ..." (Windows Server 2008): "leave at least 512 MB available"'
 */
export function sourceForPeople(source: string): string {
  const s = source.trim();
  if (s === 'input') return 'your input';
  const domain = /^domain\.md\s*\d*\s*:?\s*(.*)$/s.exec(s);
  if (domain) return domain[1] || 'hostplan domain reference';
  const seed = /^seed\b(?: whitepaper)?\s*(?:\((.*)\))?\s*:?\s*(.*)$/s.exec(s);
  if (seed && (seed[1] !== undefined || seed[2] !== undefined || s === 'seed')) return seed[2] ? `${SEED_TITLE}: ${seed[2]}` : SEED_TITLE;
  return s.replace(/\bseed whitepaper\b/g, SEED_TITLE).replace(/\bseed: /g, `${SEED_TITLE}: `);
}

/**
 * An assumption's value for people: numbers with separators, a list of short items joined by
 * commas, an object as `key: value` pairs, null as "none"; never a raw JSON array.
 *
 * @example
 * valueForPeople([50, 90, 95, 99]) // => '50, 90, 95, 99'
 * valueForPeople({ cpu: 0.8 }) // => 'cpu: 0.8'
 */
export function valueForPeople(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? formatDecimal(value, 6) : String(value);
  if (Array.isArray(value)) return value.length ? value.map(valueForPeople).join(value.some((v) => typeof v === 'string' && v.length > 30) ? '; ' : ', ') : 'none';
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${valueForPeople(v)}`).join('; ');
  return String(value);
}

/** The group an assumption is shown in. */
export type AssumptionGroup = 'placement' | 'measurements' | 'cost' | 'other';

/**
 * Which group an assumption belongs to, from its name: placement (placement, policy, failover,
 * platform), measurements (demand, stats, readers, prometheus), cost (cost, licence, price,
 * quote), else other.
 *
 * @example
 * assumptionGroup('demand.percentile') // => 'measurements'
 */
export function assumptionGroup(name: string): AssumptionGroup {
  const head = name.split('.')[0]!.toLowerCase();
  if (['placement', 'policy', 'failover', 'platform', 'sizing', 'network'].includes(head)) return 'placement';
  if (['demand', 'stats', 'readers', 'reader', 'prometheus', 'measurement', 'measurements', 'coincidence'].includes(head)) return 'measurements';
  if (/^(cost|costs|licen[cs]e|licensing|price|prices|quote|margin)/.test(head)) return 'cost';
  return 'other';
}

/** Settings of the machine that ran hostplan: they change no figure, so the page leaves them to the JSON export. */
export const MACHINE_SETTINGS: ReadonlySet<string> = new Set(['stats.spillDirectory', 'stats.memoryBudgetBytes', 'stats.replay']);

/**
 * True when an assumption is a setting of the machine, not of the plan (see {@link MACHINE_SETTINGS}).
 *
 * @example
 * isMachineSetting({ name: 'stats.spillDirectory', value: '/tmp', source: 'hostplan', isDefault: true }) // => true
 */
export function isMachineSetting(a: Assumption): boolean {
  return MACHINE_SETTINGS.has(a.name);
}
