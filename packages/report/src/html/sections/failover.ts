import { RESOURCES, type Resource } from '@hostplan/core';
import { chartUtilisationMatrix, matrixLegend } from '../../charts/utilisationMatrix.js';
import { formatResource, RESOURCE_DISPLAY, resourceLabel } from '../../format/resources.js';
import type { ReportFailover } from '../../input/types.js';
import { escapeHtml } from '../escape.js';
import { htmlTable } from '../table.js';
import { reasonText } from './reasonText.js';
import { figure, shownNote, type Section, type SectionContext } from './context.js';
import { formatNumber } from '../../format/number.js';

type Headroom = NonNullable<ReportFailover['headroom']>[number];

/** Smallest free share over the resources: the host closest to full after the failure. */
function tightest(h: Headroom): number {
  let s = Infinity;
  for (const r of RESOURCES) {
    const c = h.capacity[r];
    const f = h.free[r];
    if (c && f !== undefined && Number.isFinite(c)) s = Math.min(s, f / c);
  }
  return s;
}

/**
 * Failover: whether the plan survives the required host failures, the worst failure set, the
 * headroom left on each surviving host after its VMs restart, and the VMs that would not.
 *
 * @example
 * sectionFailover(ctx)?.id // => 'failover'
 */
export function sectionFailover(ctx: SectionContext): Section | null {
  const f = ctx.input.failover;
  if (!f) return null;
  const worst = f.worstScenario;
  const verdict = f.verdict ?? (f.met ? 'met' : 'not met');
  let html = `<p class="${f.met ? 'status-ok' : 'status-bad'}"><strong>Failover ${escapeHtml(verdict)}</strong>: the plan tolerates ${escapeHtml(f.toleratedFailures)} host failure${f.toleratedFailures === 1 ? '' : 's'}${f.requiredFailures !== undefined ? ` (${escapeHtml(f.requiredFailures)} required)` : ''}.</p>`;
  if (f.proof) html += `<p>${escapeHtml(f.proof)}.</p>`;
  for (const w of f.warnings ?? []) html += `<p class="status-warn">${escapeHtml(w)}</p>`;
  if (worst) {
    html += `<p>Worst failure set: <strong>${escapeHtml(worst.failedHosts.join(', ') || 'none')}</strong>${worst.binding ? `; binding resource ${escapeHtml(RESOURCE_DISPLAY[worst.binding].label)}` : ''}.${worst.description ? ' ' + escapeHtml(worst.description) : ''}</p>`;
  }
  const headroom = f.headroom ?? [];
  if (headroom.length) {
    const resources = RESOURCES.filter((r) => headroom.some((h) => { const c = h.capacity[r]; return c !== undefined && c > 0 && Number.isFinite(c); }));
    const shown = [...headroom].sort((a, b) => tightest(a) - tightest(b) || (a.host < b.host ? -1 : 1)).slice(0, ctx.options.maxHostRows);
    const cell = (h: Headroom, r: Resource) => {
      const c = h.capacity[r];
      const fr = h.free[r];
      if (c === undefined || fr === undefined) return null;
      const k = RESOURCE_DISPLAY[r].factor;
      return { used: (c - fr) * k, capacity: c * k };
    };
    const rows = shown.map((h) => ({ label: h.host, cells: resources.map((r) => cell(h, r)) }));
    html += figure(chartUtilisationMatrix({
      kind: 'failover-headroom',
      title: 'Use of surviving hosts after the worst failure set',
      columns: resources.map(resourceLabel), units: resources.map((r) => RESOURCE_DISPLAY[r].unit), usedWord: 'in use after failover',
      rows,
    }), `Use after the failed hosts' VMs restart; tightest hosts first${headroom.length > shown.length ? ` (${shown.length} of ${headroom.length})` : ''}. ${matrixLegend(rows)}`);
    html += htmlTable(['Host', ...resources.map((r) => `${RESOURCE_DISPLAY[r].label} free`)], shown.map((h) => [h.host, ...resources.map((r) => ({ text: formatResource(h.free[r], r), value: h.free[r] ?? NaN }))]), { numeric: resources.map((_, i) => i + 1), caption: 'Headroom left per surviving host.' });
  }
  const lost = f.notRestarted ?? [];
  if (lost.length) {
    const shown = lost.slice(0, ctx.options.maxTableRows);
    html += `<h3>VMs that would not restart (${formatNumber(lost.length, 0)})</h3>` +
      htmlTable(['VM', 'Why'], shown.map((v) => [v.vm, reasonText(v.reasons)])) +
      shownNote(shown.length, lost.length, 'the full list is in the JSON export');
  } else if (headroom.length || worst) {
    html += '<p>Every VM restarts in the worst failure set.</p>';
  }
  html += runbookHtml(f, ctx);
  return { id: 'failover', title: 'Failover', html };
}

/** Worst failure sets shown with where their VMs go. */
const RUNBOOK_SETS = 5;

/** The runbook of the worst failure sets: each displaced VM, where it ran and where it restarts (or why not). */
function runbookHtml(f: ReportFailover, ctx: SectionContext): string {
  const rb = f.runbook;
  if (!rb?.scenarios.length) return '';
  const sets = rb.scenarios.slice(0, RUNBOOK_SETS);
  let html = `<h3>Runbook: where the VMs go in the ${sets.length === 1 ? 'worst failure set' : `${sets.length} worst failure sets`}</h3>`;
  for (const s of sets) {
    const rows = [
      ...s.unplaced.map((u) => [u.vm, u.from ?? '', 'does not restart: ' + reasonText(u.reasons)]),
      ...s.placements.map((p) => [p.vm, p.from ?? '', p.host]),
    ];
    const shown = rows.slice(0, ctx.options.maxTableRows);
    html += htmlTable(['VM', 'Ran on', 'Restarts on'], shown, { caption: `${s.cluster ? `${s.cluster}: ` : ''}${s.failed.join(' + ') || 'no host'} down (${s.placements.length} restart${s.placements.length === 1 ? '' : 's'}, ${s.unplaced.length} not restarted).` }) +
      shownNote(shown.length, rows.length, 'the full list is in the JSON export and failover-runbook.csv');
  }
  html += shownNote(sets.length, rb.total, `the other failure sets${rb.note ? ` (${rb.note})` : ''} are in the JSON export and failover-runbook.csv`);
  return html;
}
