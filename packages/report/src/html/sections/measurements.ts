import { chartBands } from '../../charts/bandChart.js';
import { chartHeatmap } from '../../charts/heatmap.js';
import { chartHistogram } from '../../charts/histogram.js';
import { chartPairedBars } from '../../charts/pairedBars.js';
import { formatNumber, formatPercent } from '../../format/number.js';
import { escapeHtml } from '../escape.js';
import { htmlTable } from '../table.js';
import { figure, shownNote, type Section, type SectionContext } from './context.js';

/**
 * Measurements: alerts, utilisation over time with percentile bands and thresholds, the
 * day-by-hour heatmap, distributions, sum of peaks versus peak of sum, and per-series summaries
 * with coverage and confidence.
 *
 * @example
 * sectionMeasurements(ctx)?.id // => 'measurements'
 */
export function sectionMeasurements(ctx: SectionContext): Section | null {
  const m = ctx.input.measurements;
  if (!m) return null;
  const parts: string[] = [];
  if (m.alerts?.length) {
    // Alerts of one subject and severity are shown once, with their count and the first message.
    const groups = new Map<string, { severity: string; subject: string; message: string; count: number }>();
    for (const a of m.alerts) {
      const key = `${a.severity}\u0000${a.subject}`;
      const g = groups.get(key);
      if (g) g.count += 1;
      else groups.set(key, { severity: a.severity, subject: a.subject, message: a.message, count: 1 });
    }
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    const list = [...groups.values()].sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || b.count - a.count);
    const shown = list.slice(0, ctx.options.maxTableRows);
    parts.push(`<h3>Alerts (${formatNumber(m.alerts.length, 0)})</h3>`, ctx.input.timelines ? '<p class="note">Each alert is marked where it happened on the time charts of its host.</p>' : '', ...shown.map((a) => `<div class="alert ${escapeHtml(a.severity)}"><strong>${escapeHtml(a.subject)}</strong>${a.count > 1 ? ` <span class="note">× ${formatNumber(a.count, 0)}; the first:</span>` : ':'} ${escapeHtml(a.message.startsWith(a.subject) ? a.message.slice(a.subject.length).trimStart() : a.message)}</div>`),
      shownNote(shown.length, list.length, 'every alert is in the JSON export'));
  }
  if (m.timeSeries?.length) {
    parts.push('<h3>Utilisation over time</h3>');
    for (const s of m.timeSeries) parts.push(figure(chartBands(s, ctx.ids), `${s.name}: median with p25–p75 and p5–p95 bands per window, maximum dotted, thresholds dashed (${s.unit}).${s.points.length > 1000 ? ` ${formatNumber(s.points.length, 0)} windows merged to at most 1,000 for drawing (lowest p5, mean p25–p75, highest p95 and max).` : ''}`));
  }
  if (m.heatmaps?.length) {
    parts.push('<h3>Time of day by day of week</h3>');
    for (const h of m.heatmaps) parts.push(figure(chartHeatmap(h), `${h.name}: mean per day of week and hour (${h.unit}); grey cells have no data.`));
  }
  if (m.distributions?.length) {
    parts.push('<h3>Distributions</h3><div class="grid2">');
    for (const d of m.distributions) {
      const sorted = d.values.filter(Number.isFinite).slice().sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))];
      const markers = sorted.length ? [{ label: 'p95', value: q(0.95)! }] : [];
      parts.push(figure(chartHistogram(d.values, { title: d.name, xLabel: d.unit, yLabel: 'samples', markers, width: 440, height: 200 }), `${d.name} (${d.unit}): ${formatNumber(sorted.length, 0)} samples.`));
    }
    parts.push('</div>');
  }
  if (m.peakCoincidence?.length) {
    parts.push('<h3>Sum of peaks versus peak of sum</h3><p>Adding every VM\'s own peak over-states what a host sees; the peak of the summed series is what it must carry.</p>');
    const byUnit = new Map<string, NonNullable<typeof m.peakCoincidence>[number][]>();
    for (const r of m.peakCoincidence) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
    for (const [unit, all] of byUnit) {
      const rows = [...all].sort((a, b) => b.sumOfPeaks - a.sumOfPeaks || (a.host < b.host ? -1 : 1)).slice(0, ctx.options.maxHostRows);
      parts.push(figure(chartPairedBars({ kind: 'peak-coincidence', title: `Sum of peaks and peak of sum per host (${unit})`, unit, names: ['sum of peaks', 'peak of sum'], rows: rows.map((r) => ({ label: r.host, a: r.sumOfPeaks, b: r.peakOfSum })) }),
        `${unit}: per host, the lower bar is what sizing on coincident demand needs${all.length > rows.length ? ` (the ${rows.length} largest of ${all.length} hosts)` : ''}.`));
    }
    const rows = m.peakCoincidence.slice(0, ctx.options.maxTableRows);
    parts.push(htmlTable(['Host', 'Unit', 'Sum of peaks', 'Peak of sum', 'Saving'], rows.map((r) => [r.host, r.unit, { text: formatNumber(r.sumOfPeaks), value: r.sumOfPeaks }, { text: formatNumber(r.peakOfSum), value: r.peakOfSum },
      { text: r.sumOfPeaks > 0 ? formatPercent(1 - r.peakOfSum / r.sumOfPeaks) : '–', value: r.sumOfPeaks > 0 ? 1 - r.peakOfSum / r.sumOfPeaks : NaN }]), { numeric: [2, 3, 4] }),
      shownNote(rows.length, m.peakCoincidence.length, 'the full list is in the JSON export'));
  }
  if (m.exposure?.length) {
    // sorted by share of time over the limit: the hosts most exposed first
    const all = [...m.exposure].sort((a, b) => (b.overShare ?? -1) - (a.overShare ?? -1) || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
    const rows = all.slice(0, ctx.options.maxTableRows);
    parts.push('<h3>Exposure to the measurements</h3><p>How often each host\'s summed measured demand (each VM shifted to its demand) is over its limit, and by how much at worst. A plan sized on a percentile is over its limit part of the time by design.</p>',
      htmlTable(['Host', 'Resource', 'Limit', 'Time over limit', 'Worst overshoot', 'Buckets measured'], rows.map((r) => [r.host, `${r.resource} (${r.unit})`, { text: formatNumber(r.limit), value: r.limit },
        { text: formatPercent(r.overShare), value: r.overShare ?? NaN }, { text: formatPercent(r.worstOvershoot), value: r.worstOvershoot ?? NaN }, { text: formatNumber(r.points, 0), value: r.points }]), { numeric: [2, 3, 4, 5] }),
      shownNote(rows.length, all.length, 'the full list is in the JSON export'));
  }
  if (m.summaries?.length) {
    const rows = m.summaries.slice(0, ctx.options.maxTableRows);
    parts.push('<h3>Series and confidence</h3>', htmlTable(['Series', 'Unit', 'Samples', 'Coverage', 'Confidence', 'Mean', 'p50', 'p95', 'p99', 'Max'], rows.map((s) => [
      s.name, s.unit, { text: formatNumber(s.count, 0), value: s.count }, { text: formatPercent(s.coverage), value: s.coverage ?? NaN },
      { stars: s.confidenceStars },
      ...([s.mean, s.p50, s.p95, s.p99, s.max] as const).map((v) => ({ text: formatNumber(v), value: v ?? NaN })),
    ]), { numeric: [2, 3, 4, 5, 6, 7, 8, 9], caption: 'Confidence: 1–5 stars from the share of expected samples present (0–20 % = 1 star … 81–100 % = 5 stars).' }),
    shownNote(rows.length, m.summaries.length, 'the full list is in the JSON export'));
  }
  return parts.length ? { id: 'measurements', title: 'Measurements', html: parts.join('') } : null;
}
