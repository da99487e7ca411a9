import type { FarmFinding, PricedHost, SizingOption } from '@hostplan/core';
import type { Io } from './io.js';

/**
 * Prints seed-rule findings: every error and warning on its own line, notes grouped by rule
 * (one line with the hosts' count and the first message). Nothing when there are none.
 *
 * @example
 * printFindings(io, checkFarmRules(hosts, result.placements, { clustered: true }))
 */
export function printFindings(io: Io, findings: readonly FarmFinding[]): void {
  if (!findings.length) return;
  const errors = findings.filter((f) => f.severity === 'error').length;
  io.stdout.write(`Seed rules: ${errors} error${errors === 1 ? '' : 's'}, ${findings.filter((f) => f.severity === 'warning').length} warning(s), ${findings.filter((f) => f.severity === 'info').length} note(s)\n`);
  for (const f of findings) if (f.severity !== 'info') io.stdout.write(`  ${f.severity}: ${f.message}\n`);
  const notes = new Map<string, FarmFinding[]>();
  for (const f of findings) if (f.severity === 'info') notes.set(f.rule, [...(notes.get(f.rule) ?? []), f]);
  for (const list of notes.values()) io.stdout.write(`  note: ${list[0]!.message}${list.length > 1 ? ` (and ${list.length - 1} more host${list.length === 2 ? '' : 's'})` : ''}\n`);
}

/**
 * The hosts of a sizing option, rebuilt from the catalog (host ids are the entry's id with a
 * two-digit number, as `buildFarm` names them) with their cluster, for `checkFarmRules`.
 *
 * @example
 * optionHosts(sizing.options[0], catalog).map((h) => [h.id, h.cluster]) // => [['R710-01', 'c1'], ...]
 */
export function optionHosts(option: SizingOption, catalog: readonly PricedHost[]) {
  const byId = new Map(catalog.map((e) => [e.host.id, e.host]));
  return option.clusters.flatMap((c) => c.hosts.map((id) => {
    const model = byId.get(id.replace(/-\d+$/, ''));
    if (!model) throw new Error(`internal: sizing host ${id} matches no catalog entry`);
    return { ...model, id, cluster: c.id };
  }));
}
