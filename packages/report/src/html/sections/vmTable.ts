import type { Resource } from '@hostplan/core';
import { formatNumber, formatPercent } from '../../format/number.js';
import { RESOURCE_DISPLAY } from '../../format/resources.js';
import type { LooseVector, ReportHost } from '../../input/types.js';
import { htmlTable, type Cell } from '../table.js';
import { reasonText } from './reasonText.js';
import type { Section, SectionContext } from './context.js';

/** Resources a VM's row shows, in this order. */
const SHOWN: readonly Resource[] = ['cpuGHz', 'memoryMB', 'iops', 'storageGB'];

/** A VM's largest share of its host's target over the resources, and which resource that is. */
export function bindingShare(demand: LooseVector, host: ReportHost | undefined): { resource: Resource | null; share: number } {
  let best: { resource: Resource | null; share: number } = { resource: null, share: 0 };
  if (!host) return best;
  for (const r of SHOWN) {
    const d = demand[r];
    const c = host.capacity[r];
    if (d === undefined || c === undefined || !Number.isFinite(c) || c <= 0) continue;
    if (d / c > best.share) best = { resource: r, share: d / c };
  }
  return best;
}

const amount = (v: number | undefined, r: Resource): Cell => (v === undefined ? { text: '–', value: NaN } : { text: formatNumber(v * RESOURCE_DISPLAY[r].factor), value: v * RESOURCE_DISPLAY[r].factor });

/**
 * Where every VM goes: one row per VM with its host, the resource it takes the largest share of
 * its host's target in (its binding resource), that share and its demand; unplaced VMs first
 * with their reason. Sortable by any column and filtered by the search box. Above `maxVmRows`
 * VMs, the unplaced and worst-fitting ones (largest share) up to that many, and a pointer to the
 * CSV export with all of them. O(VMs log VMs).
 *
 * @example
 * sectionVmTable(ctx)?.id // => 'vms'
 */
export function sectionVmTable(ctx: SectionContext): Section | null {
  const plan = ctx.input.plan;
  if (!plan || plan.placements.length + plan.unplaced.length === 0) return null;
  const hosts = new Map(plan.hosts.map((h) => [h.id, h]));
  const info = new Map((ctx.input.vms ?? []).map((v) => [v.id, v]));
  const rows = [
    ...plan.unplaced.map((u) => ({ vm: u.vm, host: null as string | null, reason: reasonText(u.reasons), demand: info.get(u.vm)?.demand ?? info.get(u.vm)?.size ?? {}, fit: { resource: null as Resource | null, share: Infinity } })),
    ...plan.placements.map((p) => {
      const demand = info.get(p.vm)?.demand ?? info.get(p.vm)?.size ?? {};
      return { vm: p.vm, host: p.host as string | null, reason: '', demand, fit: bindingShare(demand, hosts.get(p.host)) };
    }),
  ];
  const limit = ctx.options.maxVmRows;
  const shown = rows.length > limit ? [...rows].sort((a, b) => b.fit.share - a.fit.share || (a.vm < b.vm ? -1 : 1)).slice(0, limit) : rows;
  const table = htmlTable(['VM', 'Host', 'Binding', 'Share of host target', ...SHOWN.map((r) => `${RESOURCE_DISPLAY[r].label} (${RESOURCE_DISPLAY[r].unit})`)],
    shown.map((v) => [
      v.vm, v.host ?? { text: `unplaced: ${v.reason}` }, v.fit.resource ? RESOURCE_DISPLAY[v.fit.resource].label : '–',
      { text: Number.isFinite(v.fit.share) ? formatPercent(v.fit.share) : '–', value: Number.isFinite(v.fit.share) ? v.fit.share : NaN },
      ...SHOWN.map((r) => amount(v.demand[r], r)),
    ]), { numeric: [3, 4, 5, 6, 7], className: 'vm-table', caption: 'Click a header to sort.' });
  const filter = '<p class="filter"><label>Find a VM or host <input type="search" data-filter-table="vm-table" placeholder="name, host, resource" autocomplete="off"></label></p>';
  const cut = shown.length < rows.length
    ? `<p class="note">Showing the ${formatNumber(shown.length, 0)} worst-fitting of ${formatNumber(rows.length, 0)} VMs (unplaced first, then the largest share of their host's target); every VM is in placements.csv (<code>--csv DIR</code>) and the JSON export.</p>`
    : '';
  const html = `<p>Every VM, where it goes and what binds it: the resource in which it takes the largest share of its host's target. Demand is what the VM needs of that host, overhead included.</p>${cut}${filter}${table}`;
  return { id: 'vms', title: 'Placement of every VM', html };
}
