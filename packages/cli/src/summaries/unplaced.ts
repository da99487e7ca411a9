import { formatDecimal, RESOURCE_LABELS, RESOURCE_UNITS, type Reason, type Resource, type Unplaced } from '@hostplan/core';

/** One kind of refusal within a group: "CPU short", "anti-affinity group sql", ... */
export interface RefusalKind {
  /** For people: `CPU short`, `platform rule max-vcpus-per-vm`, `anti-affinity group sql`. */
  readonly label: string;
  /** Hosts that refused each VM of the group for this reason. */
  readonly hosts: number;
  /** The resource, for capacity shortfalls. */
  readonly resource?: Resource;
  /** Smallest and largest shortfall over the group's VMs, each VM's shortfall being the least it misses by on any host. */
  readonly shortBy?: { readonly min: number; readonly max: number };
}

/** VMs left out for the same pattern of reasons. */
export interface UnplacedGroup {
  readonly kinds: readonly RefusalKind[];
  /** VM ids, in the plan's order. */
  readonly vms: readonly string[];
  /** The VM that misses by the most on the group's first capacity reason (else the first VM). */
  readonly worst: string;
}

function labelOf(reason: Reason): { label: string; resource?: Resource; shortBy?: number } {
  switch (reason.kind) {
    case 'capacity': {
      const s = reason.shortfall;
      return { label: `${RESOURCE_LABELS[s.resource]} short`, resource: s.resource, shortBy: s.requested - Math.max(0, s.available) };
    }
    case 'platform':
      return { label: `platform rule ${reason.violation.rule}` };
    case 'anti-affinity':
      return { label: `anti-affinity group ${reason.group}` };
    case 'affinity':
      return { label: `affinity group ${reason.group}` };
    case 'unavailable':
      return { label: 'host unavailable' };
  }
}

interface VmPattern {
  readonly key: string;
  readonly kinds: Map<string, { hosts: Set<string>; resource?: Resource; shortBy?: number }>;
}

function patternOf(u: Unplaced): VmPattern {
  const kinds = new Map<string, { hosts: Set<string>; resource?: Resource; shortBy?: number }>();
  for (const r of u.reasons) {
    const { label, resource, shortBy } = labelOf(r);
    let k = kinds.get(label);
    if (!k) {
      k = { hosts: new Set(), ...(resource && { resource }) };
      kinds.set(label, k);
    }
    k.hosts.add(r.host);
    if (shortBy !== undefined) k.shortBy = k.shortBy === undefined ? shortBy : Math.min(k.shortBy, shortBy);
  }
  const key = [...kinds].map(([label, k]) => `${label}@${k.hosts.size}`).sort().join('|');
  return { key, kinds };
}

/**
 * Groups the VMs a plan left out by the pattern of their reasons (which refusals, on how many
 * hosts), largest group first, so a person reads a few lines instead of one line per VM and host.
 *
 * @example
 * const reason = (host: string, available: number) => ({ kind: 'capacity' as const, host, message: '',
 *   shortfall: { resource: 'cpuGHz' as const, requested: 2, available, capacity: 20, message: '' } });
 * groupUnplaced([{ vm: 'a', reasons: [reason('h1', 1), reason('h2', 0)] }, { vm: 'b', reasons: [reason('h1', 0), reason('h2', 0)] }])
 * // => [{ vms: ['a', 'b'], worst: 'b', kinds: [{ label: 'CPU short', hosts: 2, resource: 'cpuGHz', shortBy: { min: 1, max: 2 } }] }]
 */
export function groupUnplaced(unplaced: readonly Unplaced[]): UnplacedGroup[] {
  const groups = new Map<string, { patterns: VmPattern[]; vms: string[] }>();
  // placement shares one reason list among VMs of the same demand: read each list once
  const seen = new Map<readonly Reason[], VmPattern>();
  for (const u of unplaced) {
    let p = seen.get(u.reasons);
    if (!p) seen.set(u.reasons, (p = patternOf(u)));
    let g = groups.get(p.key);
    if (!g) groups.set(p.key, (g = { patterns: [], vms: [] }));
    g.patterns.push(p);
    g.vms.push(u.vm);
  }
  const out: UnplacedGroup[] = [];
  for (const { patterns, vms } of groups.values()) {
    const first = patterns[0]!;
    const kinds: RefusalKind[] = [...first.kinds].map(([label, k]) => {
      const shorts = patterns.map((p) => p.kinds.get(label)?.shortBy).filter((x): x is number => x !== undefined);
      return {
        label,
        hosts: k.hosts.size,
        ...(k.resource && { resource: k.resource }),
        ...(shorts.length && { shortBy: { min: Math.min(...shorts), max: Math.max(...shorts) } }),
      };
    });
    kinds.sort((a, b) => b.hosts - a.hosts || a.label.localeCompare(b.label));
    const lead = kinds.find((k) => k.shortBy)?.label;
    let worst = 0;
    if (lead) {
      for (let i = 1; i < patterns.length; i++) {
        if ((patterns[i]!.kinds.get(lead)?.shortBy ?? -Infinity) > (patterns[worst]!.kinds.get(lead)?.shortBy ?? -Infinity)) worst = i;
      }
    }
    out.push({ kinds, vms, worst: vms[worst]! });
  }
  return out.sort((a, b) => b.vms.length - a.vms.length || a.worst.localeCompare(b.worst));
}

const amount = (x: number) => formatDecimal(x, 2);

/** One kind of refusal as text: `CPU short on every host (14) by 0.03-4.1 GHz`. */
function kindText(k: RefusalKind, hostCount: number): string {
  const where = k.hosts === hostCount ? `every host (${hostCount})` : `${k.hosts} of ${hostCount} hosts`;
  if (!k.shortBy || !k.resource) return `${k.label} on ${where}`;
  const unit = RESOURCE_UNITS[k.resource];
  const by = k.shortBy.min === k.shortBy.max ? amount(k.shortBy.min) : `${amount(k.shortBy.min)}-${amount(k.shortBy.max)}`;
  return `${k.label} on ${where} by ${by} ${unit}`;
}

/**
 * The summary lines of the VMs left out: a count, then one line per group of VMs with the same
 * reasons (at most `maxGroups`, the rest counted), each naming the VM that misses by the most.
 *
 * @example
 * unplacedSummaryLines([{ kinds: [{ label: 'CPU short', hosts: 2, resource: 'cpuGHz', shortBy: { min: 1, max: 2 } }], vms: ['a', 'b'], worst: 'b' }], 2)
 * // => ['2 VMs fit nowhere:', '  2 VMs: CPU short on every host (2) by 1-2 GHz; largest: b']
 */
export function unplacedSummaryLines(groups: readonly UnplacedGroup[], hostCount: number, maxGroups = 8): string[] {
  const total = groups.reduce((n, g) => n + g.vms.length, 0);
  if (total === 0) return [];
  const lines = [`${total} VM${total === 1 ? '' : 's'} fit nowhere:`];
  for (const g of groups.slice(0, maxGroups)) {
    const who = g.vms.length === 1 ? `1 VM (${g.worst})` : `${g.vms.length} VMs`;
    const worst = g.vms.length > 1 ? `; ${g.kinds.some((k) => k.shortBy) ? 'largest' : 'e.g.'}: ${g.worst}` : '';
    lines.push(`  ${who}: ${g.kinds.map((k) => kindText(k, hostCount)).join(', ')}${worst}`);
  }
  const rest = groups.slice(maxGroups);
  if (rest.length) lines.push(`  ${rest.reduce((n, g) => n + g.vms.length, 0)} more VMs in ${rest.length} other patterns`);
  return lines;
}
