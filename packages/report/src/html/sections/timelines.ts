import type { Resource } from '@hostplan/core';
import { utcFormat } from 'd3';
import { chartDayHourHeatmap } from '../../charts/dayHourHeatmap.js';
import { chartRunway } from '../../charts/runwayChart.js';
import { chartTimeline } from '../../charts/timelineChart.js';
import { formatNumber, formatPercent } from '../../format/number.js';
import { RESOURCE_DISPLAY, resourceLabel } from '../../format/resources.js';
import type { HostTimeline, ReportTimelines, ResourceTimeline } from '../../input/types.js';
import { dayHourMeans, farmSeries } from '../../timeline/farm.js';
import { farmRunway } from '../../timeline/runway.js';
import { escapeHtml } from '../escape.js';
import { htmlTable } from '../table.js';
import { figure, type Section, type SectionContext } from './context.js';

const DAY = 86_400_000;

/** Highest value over target of a host's resources: the order hosts are drawn in. */
function peakShare(h: HostTimeline): number {
  let best = 0;
  for (const r of h.resources) for (const v of r.values) if (v !== null && r.target > 0) best = Math.max(best, v / r.target);
  return best;
}

function hostFigure(t: ReportTimelines, h: HostTimeline, r: ResourceTimeline): string {
  const d = RESOURCE_DISPLAY[r.resource];
  const peak = Math.max(-Infinity, ...r.values.filter((v): v is number => v !== null));
  const alerts = (h.alerts ?? []).filter((a) => a.resource === undefined || a.resource === r.resource);
  const svg = chartTimeline({
    title: `${h.host} ${d.label}`, unit: d.unit, startMs: t.startMs, stepMs: t.stepMs,
    values: r.values.map((v) => (v === null ? null : v * d.factor)), target: r.target * d.factor, limit: (r.limit ?? r.target) * d.factor, alerts,
  });
  const caption = `${h.host} · ${resourceLabel(r.resource)}: peak ${formatNumber(peak * d.factor)} ${d.unit} = ${formatPercent(peak / r.target)} of the target ${formatNumber(r.target * d.factor)} ${d.unit}` +
    `${alerts.length ? `; ${alerts.length} alert${alerts.length === 1 ? '' : 's'} marked` : ''}.`;
  return figure(svg, caption);
}

function heatmaps(t: ReportTimelines, resources: readonly Resource[]): string {
  return resources.map((res) => {
    const farm = farmSeries(t, res);
    if (!farm || !(farm.target > 0)) return '';
    const rows = dayHourMeans(t.startMs, t.stepMs, farm.values.map((v) => (v === null ? null : (100 * v) / farm.target)));
    const label = RESOURCE_DISPLAY[res].label;
    return figure(chartDayHourHeatmap(rows, { title: `Farm ${label.toLowerCase()}: mean share of target by day and hour`, unit: '%', max: 100 }),
      `Farm ${label.toLowerCase()} demand as a share of the summed targets of the hosts drawn above (${formatNumber(farm.target * RESOURCE_DISPLAY[res].factor)} ${RESOURCE_DISPLAY[res].unit}), mean per hour; amber cells are over 100 %.`);
  }).join('');
}

function runway(t: ReportTimelines, resources: readonly Resource[]): string {
  const rows = resources.flatMap((res) => { const f = farmSeries(t, res); return f && f.target > 0 ? [farmRunway(f, t.startMs, t.stepMs)] : []; });
  if (rows.length === 0) return '';
  const day = utcFormat('%d %b %Y');
  const runsOut = (r: (typeof rows)[number]) => (r.daysRemaining === null ? null : r.peaks.at(-1)!.dayMs + r.daysRemaining * DAY);
  const days = rows[0]!.peaks.length;
  return '<h3>Growth runway</h3>' +
    `<p>When each resource of the farm reaches its target if the daily peaks keep the trend of the ${days} day${days === 1 ? '' : 's'} measured (least squares through each day's peak). A trend over so few days is a weak basis: weekly patterns dominate it; read it as a direction, not a date.</p>` +
    figure(chartRunway(rows.map((r) => ({ label: RESOURCE_DISPLAY[r.resource].label, daysRemaining: r.daysRemaining, runsOutMs: runsOut(r) }))),
      'Bars: days until the trend of daily peaks reaches the farm target; red under 120 days, amber under 240; an arrow past one year.') +
    htmlTable(['Resource', 'Last daily peak', 'Trend per day', 'Target', 'Runs out', 'Why'], rows.map((r) => {
      const d = RESOURCE_DISPLAY[r.resource];
      const o = runsOut(r);
      return [d.label, { text: `${formatNumber(r.peaks.at(-1)!.peak * d.factor)} ${d.unit}`, value: r.peaks.at(-1)!.peak },
        { text: r.slopePerDay === null ? '–' : `${formatNumber(r.slopePerDay * d.factor, 2)} ${d.unit}`, value: r.slopePerDay ?? NaN },
        { text: `${formatNumber(r.target * d.factor)} ${d.unit}`, value: r.target }, o === null ? 'not reached' : day(new Date(o)), r.reason];
    }), { numeric: [1, 2, 3], sortable: false });
}

/**
 * Demand over time: per host of the plan, each resource's measured demand over the capture
 * against the host's target and limit with the alerts where they happened (the fullest hosts
 * first, up to `maxHostRows`); the farm by day and hour; and the growth runway.
 *
 * @example
 * sectionTimelines(ctx)?.id // => 'timelines'
 */
export function sectionTimelines(ctx: SectionContext): Section | null {
  const t = ctx.input.timelines;
  if (!t || t.hosts.length === 0 || !(t.stepMs > 0)) return null;
  const hosts = [...t.hosts].sort((a, b) => peakShare(b) - peakShare(a) || (a.host < b.host ? -1 : 1));
  const shown = hosts.slice(0, ctx.options.maxHostRows);
  const resources = (['cpuGHz', 'memoryMB', 'iops', 'networkMbps'] as const).filter((r) => t.hosts.some((h) => h.resources.some((x) => x.resource === r)));
  let html = `<p>Demand on each host of the plan over the ${formatNumber((t.hosts[0]!.resources[0]?.values.length ?? 0) * t.stepMs / DAY)} days measured, per ${formatNumber(t.stepMs / 60_000, 0)} minutes, against the host's target (dark line). ${t.note ? escapeHtml(t.note) : ''} Long series are drawn as the minimum to maximum of each pixel column, so every peak shows.</p>`;
  for (const h of shown) {
    html += `<h3>${escapeHtml(h.host)}${h.vms !== undefined ? ` <span class="note">${h.vms} VM${h.vms === 1 ? '' : 's'}${h.measuredVms !== undefined ? `, ${h.measuredVms} measured` : ''}</span>` : ''}</h3><div class="grid2">` +
      h.resources.map((r) => hostFigure(t, h, r)).join('') + '</div>';
  }
  if (hosts.length > shown.length) html += `<p class="note">Showing the ${shown.length} hosts with the highest peak share of ${formatNumber(hosts.length, 0)}; the others stay under it.</p>`;
  html += '<h3>Farm by day and hour</h3>' + heatmaps(t, resources) + runway(t, resources);
  return { id: 'timelines', title: 'Demand over time', html };
}
