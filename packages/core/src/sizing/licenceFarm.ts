import { cheapestLicensing, needsWindowsLicence } from '../cost/cheapestLicensing.js';
import type { LicensingResult } from '../cost/licensingTypes.js';
import type { QuoteLicensing } from '../cost/quoteTypes.js';
import type { FailoverScenario } from '../failover/types.js';
import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import type { Placement } from '../plan/types.js';

/** The licensing of one host model in a farm. */
export interface ModelLicensing {
  /** The most Windows guests any host of the model runs, before or after a failure. */
  readonly windowsGuests: number;
  readonly result: LicensingResult;
  /** The same on the normal layout alone (no host failed): what a licence ignoring failover would buy. */
  readonly normal: { readonly windowsGuests: number; readonly result: LicensingResult };
}

/** One host's licence need: Windows guests and the cheapest licence, normally and in the worst failure set checked. */
export interface HostLicensing {
  readonly host: string;
  readonly model: string;
  readonly normal: { readonly windowsGuests: number; readonly total: number };
  readonly failover: { readonly windowsGuests: number; readonly total: number };
}

/**
 * Licences each host model of a farm for the most Windows guests any of its hosts runs in the
 * plan or after any failure scenario checked (a spare must be licensed for what it takes over;
 * every host of a model is licensed alike). O(scenarios x hosts + placements).
 *
 * @example
 * // R710 hosts run at most 15 Windows guests (13 + 2 restarted): 2008 Datacenter for 2 sockets
 * licenceFarm(hosts, vms, placements, scenarios, { era: '2008', prices }).get('R710').result.total // => 5998
 */
export function licenceFarm(hosts: readonly Host[], vms: readonly Vm[], placements: readonly Placement[], scenarios: readonly FailoverScenario[], licensing: QuoteLicensing): Map<string, ModelLicensing> {
  return licenceFarmByHost(hosts, vms, placements, scenarios, licensing).models;
}

/**
 * {@link licenceFarm} with the figures per host as well: for each host, the Windows guests it
 * runs on the normal layout and the most it runs in any failure set checked, each with the
 * cheapest licence for that count. O(scenarios x hosts + placements).
 *
 * @example
 * // a passive spare runs no guest normally and takes over a failed host's 13 after a failure
 * licenceFarmByHost(hosts, vms, placements, scenarios, { era: '2008', prices }).hosts.find((h) => h.host === 'R710-05')
 * // => { host: 'R710-05', model: 'R710', normal: { windowsGuests: 0, total: 2999 }, failover: { windowsGuests: 13, total: 5998 } }
 */
export function licenceFarmByHost(hosts: readonly Host[], vms: readonly Vm[], placements: readonly Placement[], scenarios: readonly FailoverScenario[], licensing: QuoteLicensing): { models: Map<string, ModelLicensing>; hosts: HostLicensing[] } {
  const windows = new Set(vms.filter(needsWindowsLicence).map((v) => v.id));
  const base = new Map<string, number>(hosts.map((h) => [h.id, 0]));
  for (const p of placements) if (windows.has(p.vm)) base.set(p.host, (base.get(p.host) ?? 0) + 1);
  const peak = new Map(base);
  for (const s of scenarios) {
    const after = new Map(base);
    for (const f of s.failed) after.set(f, 0);
    for (const p of s.placements) if (windows.has(p.vm)) after.set(p.host, (after.get(p.host) ?? 0) + 1);
    for (const [h, n] of after) peak.set(h, Math.max(peak.get(h) ?? 0, n));
  }
  const price = (host: Host, guests: number) => cheapestLicensing({ era: licensing.era, prices: licensing.prices, sockets: host.sockets, coresPerSocket: host.coresPerSocket, vms: guests, ...(licensing.hostOs && { hostOs: licensing.hostOs }) });
  const byModel = new Map<string, { host: Host; guests: number; normal: number }>();
  for (const h of hosts) {
    const key = h.model ?? h.id;
    const cur = byModel.get(key);
    byModel.set(key, { host: cur?.host ?? h, guests: Math.max(cur?.guests ?? 0, peak.get(h.id) ?? 0), normal: Math.max(cur?.normal ?? 0, base.get(h.id) ?? 0) });
  }
  const models = new Map<string, ModelLicensing>();
  for (const [key, { host, guests, normal }] of byModel) {
    models.set(key, { windowsGuests: guests, result: price(host, guests), normal: { windowsGuests: normal, result: price(host, normal) } });
  }
  const perHost = hosts.map((h) => ({
    host: h.id, model: h.model ?? h.id,
    normal: { windowsGuests: base.get(h.id) ?? 0, total: price(h, base.get(h.id) ?? 0).total },
    failover: { windowsGuests: peak.get(h.id) ?? 0, total: price(h, peak.get(h.id) ?? 0).total },
  }));
  return { models, hosts: perHost };
}
