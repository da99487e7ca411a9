import type { Reason, Unplaced } from '@hostplan/core';

/** A reason as written: core's, or a pointer to the VM whose list it shares. */
export type WrittenReason = Reason | { readonly kind: 'same-as'; readonly vm: string; readonly message: string };

/**
 * The unplaced VMs as they are written (JSON, text): placement gives VMs with the same demand,
 * groups and guest OS one shared list of reasons (one per host); here the first VM keeps the
 * list and each other VM gets one reason pointing to it, so 100,000 like VMs on 50 hosts
 * write 50 reasons, not 5 million. Nothing is dropped: the pointer names the VM whose reasons
 * apply. O(unplaced).
 *
 * @example
 * compactUnplaced([{ vm: 'a', reasons: r }, { vm: 'b', reasons: r }])[1].reasons[0].message
 * // => 'same reasons as VM a (same demand, groups and guest OS)'
 */
export function compactUnplaced(unplaced: readonly Unplaced[]): { vm: string; reasons: readonly WrittenReason[] }[] {
  const firstHolder = new Map<readonly Reason[], string>();
  return unplaced.map((u) => {
    const first = firstHolder.get(u.reasons);
    if (first === undefined) {
      firstHolder.set(u.reasons, u.vm);
      return u;
    }
    return { vm: u.vm, reasons: [{ kind: 'same-as', vm: first, message: `same reasons as VM ${first} (same demand, groups and guest OS)` }] };
  });
}
