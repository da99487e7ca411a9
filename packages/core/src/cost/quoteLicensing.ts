import { cheapestLicensing, needsWindowsLicence } from './cheapestLicensing.js';
import type { QuoteFarm, VmPlan } from './quoteTypes.js';

/** Windows guests on a host and the cheapest licence for them. */
export interface LicenceFigure {
  readonly windowsGuests: number;
  readonly total: number;
}

/** A quote line's licences per host, on the normal layout and after a failure. */
export interface QuoteLineLicensing {
  /** Normal layout: each active host runs the density, each spare host nothing. */
  readonly normal: { readonly activeHost: LicenceFigure; readonly spareHost: LicenceFigure };
  /** After a failure a spare runs a failed host's VMs, so every host needs the licence for the density (what the quote prices). */
  readonly failover: LicenceFigure;
  readonly rule: string;
}

/**
 * The licences per host behind a quote line: a host licensed for the Windows guests it runs
 * at the density assumed, a spare for none on the normal layout but for a failed host's
 * guests after a failure (Windows Server licences belong to a host, so a restarted VM must be
 * covered where it restarts). Null without licensing. O(1).
 *
 * @example
 * quoteLineLicensing({ name: 'M', vcpus: 1, memoryGB: 2 }, 15, farm)?.failover // => { windowsGuests: 15, total: 2999 }
 */
export function quoteLineLicensing(plan: VmPlan, density: number, farm: QuoteFarm): QuoteLineLicensing | null {
  const l = farm.licensing;
  if (!l) return null;
  const host = farm.entry.host;
  const windows = needsWindowsLicence({ ...(plan.guestOS !== undefined && { guestOS: plan.guestOS }) }) ? density : 0;
  const figure = (guests: number): LicenceFigure => ({
    windowsGuests: guests,
    total: cheapestLicensing({ era: l.era, prices: l.prices, sockets: host.sockets, coresPerSocket: host.coresPerSocket, vms: guests, ...(l.hostOs && { hostOs: l.hostOs }) }).total,
  });
  const active = figure(windows);
  const spare = figure(0);
  return {
    normal: { activeHost: active, spareHost: spare },
    failover: active,
    rule: `each host licensed for ${windows} Windows guest${windows === 1 ? '' : 's'} (${active.total}); a spare runs none normally (${spare.total}) but takes over a failed host's after a failure, so it is licensed like the others`,
  };
}
