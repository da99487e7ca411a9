import type { HostMonthlyCost } from '@hostplan/core';

/**
 * The line that says what a cost figure contains, so two figures for the same VM can be told
 * apart: the parts with a non-zero amount, the parts left out, and how to add them.
 *
 * @example
 * costIncludesLine({ total: 10, hardware: 6, power: 2, rackSpace: 1, admin: 1, licences: 0, storage: 0, network: 0 } as never, { costsFile: false, licensing: false })
 * // => 'Costs include: hardware, power, rack space, admin (default rates: --costs FILE for yours). Not included: Windows licences (--licensing 2008|2016), shared storage and network (--costs FILE).'
 */
export function costIncludesLine(cost: HostMonthlyCost | null | undefined, given: { readonly costsFile: boolean; readonly licensing: boolean }): string {
  const parts: [keyof HostMonthlyCost, string][] = [['hardware', 'hardware'], ['power', 'power'], ['rackSpace', 'rack space'], ['admin', 'admin'], ['licences', 'Windows licences'], ['storage', 'shared storage'], ['network', 'network']];
  const has = (k: keyof HostMonthlyCost) => cost !== null && cost !== undefined && typeof cost[k] === 'number' && (cost[k] as number) > 0;
  const included = parts.filter(([k]) => has(k)).map(([, name]) => name);
  const missing: string[] = [];
  if (!has('licences')) missing.push(given.licensing ? 'Windows licences (none needed at this density or guest mix)' : 'Windows licences (--licensing 2008|2016)');
  if (!has('storage') && !has('network')) missing.push(given.costsFile ? 'shared storage and network (no rate for them in the costs file)' : 'shared storage and network (--costs FILE)');
  const rates = given.costsFile ? 'rates from --costs' : 'default rates: --costs FILE for yours';
  return `Costs include: ${included.join(', ') || 'nothing'} (${rates}).${missing.length ? ` Not included: ${missing.join(', ')}.` : ''}`;
}
