import type { Assumption } from '../plan/types.js';
import { classifyGuestOs } from './classifyGuestOs.js';

/** What {@link guestOsAssumptions} returns. */
export interface GuestOsReview {
  /** `guestOS.unrecognised` and `guestOS.unnamed` when any, for an output's assumptions. */
  readonly assumptions: readonly Assumption[];
  /** One line per unrecognised name and one for unnamed guests, for the terminal. */
  readonly warnings: readonly string[];
}

/**
 * Lists the guests whose OS name is not in the guest OS table (or not given): each counts as
 * needing a Windows licence, so a price is never lowered by a name hostplan cannot read.
 * O(guests x table).
 *
 * @example
 * guestOsAssumptions([{ guestOS: 'Other (32-bit)' }, { guestOS: 'W2K3 SP2' }]).warnings
 * // => ['guest OS "Other (32-bit)" (1 guest) is not in the guest OS table: counted as needing a Windows licence']
 */
export function guestOsAssumptions(guests: readonly { readonly guestOS?: string }[]): GuestOsReview {
  const unknown = new Map<string, number>();
  let unnamed = 0;
  for (const g of guests) {
    const c = classifyGuestOs(g.guestOS);
    if (c.kind === 'unnamed') unnamed++;
    else if (c.kind === 'unknown') unknown.set(g.guestOS!, (unknown.get(g.guestOS!) ?? 0) + 1);
  }
  const assumptions: Assumption[] = [];
  const warnings: string[] = [];
  const vms = (n: number) => `${n} guest${n === 1 ? "" : "s"}`;
  if (unknown.size) {
    assumptions.push({ name: 'guestOS.unrecognised', value: [...unknown].map(([name, count]) => ({ name, vms: count })), unit: 'guest OS names not in the table',
      source: 'hostplan: a name the guest OS table does not know counts as a Windows guest (needs a licence); name the OS to change this', isDefault: true });
    for (const [name, count] of unknown) warnings.push(`guest OS ${JSON.stringify(name)} (${vms(count)}) is not in the guest OS table: counted as needing a Windows licence`);
  }
  if (unnamed) {
    assumptions.push({ name: 'guestOS.unnamed', value: unnamed, unit: 'VMs with no guest OS', source: 'hostplan: a VM that names no guest OS counts as a Windows guest (needs a licence)', isDefault: true });
    warnings.push(`${vms(unnamed)} name no guest OS: counted as needing a Windows licence`);
  }
  return { assumptions, warnings };
}
