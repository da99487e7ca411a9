import type { Resource } from '@hostplan/core';
import { chartPlacementMap, type MapHost } from '../../charts/placementMap.js';
import { topHosts } from '../../aggregate/hostShares.js';
import { RESOURCE_DISPLAY } from '../../format/resources.js';
import { figure, type Section, type SectionContext } from './context.js';
import { formatNumber } from '../../format/number.js';

/**
 * The placement map: which VMs run on which host, segment width by memory (or equal widths
 * when sizes are unknown), coloured by group or size. Above `maxHostRows` hosts, the fullest.
 *
 * @example
 * sectionPlacementMap(ctx)?.id // => 'placement'
 */
export function sectionPlacementMap(ctx: SectionContext): Section | null {
  const plan = ctx.input.plan;
  if (!plan || plan.placements.length === 0) return null;
  const vmInfo = new Map((ctx.input.vms ?? []).map((v) => [v.id, v]));
  const onHost = new Map<string, string[]>();
  for (const p of plan.placements) {
    const list = onHost.get(p.host) ?? [];
    list.push(p.vm);
    onHost.set(p.host, list);
  }
  const measureResource: Resource = (ctx.input.vms ?? []).some((v) => v.size?.memoryMB !== undefined) ? 'memoryMB' : 'vms';
  const d = RESOURCE_DISPLAY[measureResource];
  const hosts = topHosts(plan.hosts.filter((h) => onHost.has(h.id)), ctx.options.maxHostRows);
  const rows: MapHost[] = hosts.map((h) => {
    const vms = (onHost.get(h.id) ?? []).map((id) => {
      const info = vmInfo.get(id);
      const size = measureResource === 'vms' ? 1 : (info?.size?.memoryMB ?? 0) * d.factor;
      return { id, size, ...(info?.group !== undefined && { group: info.group }) };
    });
    const cap = h.capacity[measureResource];
    return { id: h.id, capacity: cap !== undefined && Number.isFinite(cap) ? cap * d.factor : vms.reduce((s, v) => s + v.size, 0), vms };
  });
  const measure = measureResource === 'vms' ? 'VMs' : `${d.label.toLowerCase()} (${d.unit})`;
  const total = onHost.size;
  const html = `<p>One bar per host, as wide as its target ${measure}; one segment per VM. Hover a segment for the VM's name.</p>` +
    figure(chartPlacementMap(rows, { title: 'Placement map', measure, colourBy: ctx.options.colourBy }), total > rows.length ? `The ${rows.length} fullest of ${formatNumber(total, 0)} hosts with VMs; the full placement list is in the CSV and JSON exports.` : `${formatNumber(plan.placements.length, 0)} VMs on ${formatNumber(total, 0)} hosts.`);
  return { id: 'placement', title: 'Placement map', html };
}
