import type { Resource } from '@hostplan/core';
import { chartHistogram } from '../../charts/histogram.js';
import { chartUtilisationMatrix, matrixLegend, type MatrixCell } from '../../charts/utilisationMatrix.js';
import { drawnResources, peakShare, topHosts } from '../../aggregate/hostShares.js';
import { formatPercent } from '../../format/number.js';
import { RESOURCE_DISPLAY, resourceLabel } from '../../format/resources.js';
import type { ReportHost } from '../../input/types.js';
import { htmlTable } from '../table.js';
import { figure, type Section, type SectionContext } from './context.js';
import { formatNumber } from '../../format/number.js';

/** used / capacity of one resource, or undefined when unknown. */
function share(h: ReportHost, r: Resource): number | undefined {
  const c = h.capacity[r];
  const u = h.used[r];
  return c !== undefined && u !== undefined && Number.isFinite(c) && c > 0 ? u / c : undefined;
}

/**
 * A host's resource as a matrix cell in display units, or null when the host lacks it.
 *
 * @example
 * matrixCell({ id: 'h', used: { memoryMB: 1024 }, capacity: { memoryMB: 2048 } }, 'memoryMB') // => { used: 1, capacity: 2 }
 */
export function matrixCell(host: ReportHost, r: Resource): MatrixCell | null {
  const c = host.capacity[r];
  const u = host.used[r];
  if (c === undefined || u === undefined) return null;
  const f = RESOURCE_DISPLAY[r].factor;
  const t = host.total?.[r];
  const res = host.reserved?.[r];
  return { used: u * f, capacity: c * f, ...(t !== undefined && Number.isFinite(t) && { total: t * f }), ...(res !== undefined && Number.isFinite(res) && { reserved: res * f }) };
}

/**
 * Per-host utilisation: a bullet bar per host and resource (capacity, reserve and target
 * lines); above `maxHostRows` hosts, the fullest hosts plus a distribution per resource.
 *
 * @example
 * sectionHosts(ctx)?.id // => 'hosts'
 */
export function sectionHosts(ctx: SectionContext): Section | null {
  const hosts = ctx.input.plan?.hosts ?? [];
  if (hosts.length === 0) return null;
  const resources = drawnResources(hosts);
  const limit = ctx.options.maxHostRows;
  const aggregated = hosts.length > limit;
  const shown = topHosts(hosts, limit, resources);
  const matrixRows = shown.map((h) => ({ label: h.id, cells: resources.map((r) => matrixCell(h, r)) }));
  const matrix = chartUtilisationMatrix({
    title: aggregated ? `The ${shown.length} fullest of ${hosts.length} hosts: use per resource` : 'Use per host and resource',
    columns: resources.map(resourceLabel),
    units: resources.map((r) => RESOURCE_DISPLAY[r].unit),
    rows: matrixRows,
  });
  let html = `<p>${matrixLegend(matrixRows)}${aggregated ? ` With ${formatNumber(hosts.length, 0)} hosts, the ${shown.length} fullest are drawn and the rest are summarised as distributions.` : ''}</p>`;
  html += figure(matrix, aggregated ? `The ${shown.length} hosts with the highest binding share, fullest first.` : 'Every host, fullest first.');
  if (aggregated) {
    html += '<h3>Distribution over all hosts</h3><div class="grid2">';
    for (const r of resources) {
      const shares = hosts.map((h) => { const c = h.capacity[r]; const u = h.used[r]; return c && u !== undefined && Number.isFinite(c) ? (u / c) * 100 : NaN; });
      html += figure(chartHistogram(shares, { kind: 'host-distribution', title: `${RESOURCE_DISPLAY[r].label}: hosts by use`, xLabel: `${RESOURCE_DISPLAY[r].label} use (% of target)`, yLabel: 'hosts', domain: [0, 100], bins: 20, width: 440, height: 190 }), `${RESOURCE_DISPLAY[r].label}: how many hosts run at each share of their target.`);
    }
    html += '</div>';
  }
  const rows = shown.map((h) => [h.id, h.model ?? '', { text: String(h.vms?.length ?? '–'), value: h.vms?.length ?? NaN },
    h.binding ? RESOURCE_DISPLAY[h.binding].label : '–', { text: formatPercent(peakShare(h, resources)), value: peakShare(h, resources) },
    ...resources.map((r) => { const s = share(h, r); return { text: formatPercent(s), value: s ?? NaN }; })]);
  html += htmlTable(['Host', 'Model', 'VMs', 'Binding', 'Fullest', ...resources.map((r) => RESOURCE_DISPLAY[r].label)], rows,
    { numeric: [2, 4, ...resources.map((_, i) => 5 + i)], caption: `Use as a share of each host's target.${aggregated ? ` The ${shown.length} fullest hosts; every host is in the JSON export.` : ''}` });
  return { id: 'hosts', title: 'Host utilisation', html };
}
