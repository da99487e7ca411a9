import { escapeHtml } from '../escape.js';
import { RESOURCES, type Resource } from '@hostplan/core';
import { formatResource, RESOURCE_DISPLAY } from '../../format/resources.js';
import type { LooseVector } from '../../input/types.js';
import { htmlTable } from '../table.js';
import { shownNote, type Section, type SectionContext } from './context.js';
import { formatNumber } from '../../format/number.js';

const SIZE_RESOURCES: readonly Resource[] = ['vcpus', 'memoryMB', 'storageGB'];

function sizeText(v: LooseVector): string {
  const parts = SIZE_RESOURCES.filter((r) => v[r] !== undefined).map((r) => formatResource(v[r], r));
  return parts.join(', ') || '–';
}

/**
 * Idle, oversized and powered-off VMs with the size suggested and what it gives back.
 *
 * @example
 * sectionRightsizing(ctx)?.id // => 'rightsizing'
 */
export function sectionRightsizing(ctx: SectionContext): Section | null {
  const findings = ctx.input.rightsizing ?? [];
  if (findings.length === 0) return null;
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const gain = (r: Resource) => findings.reduce((s, f) => s + Math.max(0, (f.current[r] ?? 0) - (f.suggested[r] ?? f.current[r] ?? 0)), 0);
  const gains = RESOURCES.filter((r) => SIZE_RESOURCES.includes(r) && gain(r) > 0).map((r) => `${formatResource(gain(r), r)}${RESOURCE_DISPLAY[r].label === RESOURCE_DISPLAY[r].unit ? '' : ` ${RESOURCE_DISPLAY[r].label.toLowerCase()}`}`);
  const order = { idle: 0, 'powered-off': 1, oversized: 2, undersized: 3 } as const;
  const shown = [...findings].sort((a, b) => (order[a.kind] ?? 9) - (order[b.kind] ?? 9) || (a.vm < b.vm ? -1 : 1)).slice(0, ctx.options.maxTableRows);
  const html = `<p>${escapeHtml([...counts.entries()].map(([k, n]) => `${formatNumber(n, 0)} ${k}`).join(', '))}.${gains.length ? ` Resizing as suggested gives back ${escapeHtml(gains.join(', '))}.` : ''}</p>` +
    htmlTable(['VM', 'Finding', 'Current', 'Suggested', 'Evidence'], shown.map((f) => [f.vm, f.kind, sizeText(f.current), sizeText(f.suggested), f.evidence])) +
    shownNote(shown.length, findings.length, 'the full list is in the JSON export');
  return { id: 'rightsizing', title: 'Idle and oversized VMs', html };
}
