import { escapeHtml } from '../escape.js';
import { htmlTable } from '../table.js';
import { reasonText } from './reasonText.js';
import { shownNote, type Section, type SectionContext } from './context.js';
import { formatNumber } from '../../format/number.js';

/**
 * Unplaced VMs with their reasons (per host, the first three and a count of the rest).
 *
 * @example
 * sectionUnplaced(ctx)?.id // => 'unplaced'
 */
export function sectionUnplaced(ctx: SectionContext): Section | null {
  const unplaced = ctx.input.plan?.unplaced ?? [];
  if (unplaced.length === 0) return null;
  const shown = unplaced.slice(0, ctx.options.maxTableRows);
  const kinds = new Map<string, number>();
  for (const u of unplaced) for (const r of u.reasons) kinds.set(r.kind ?? 'other', (kinds.get(r.kind ?? 'other') ?? 0) + 1);
  const html = `<p class="status-bad"><strong>${formatNumber(unplaced.length, 0)} VM${unplaced.length === 1 ? '' : 's'} could not be placed.</strong> Reasons by kind: ${escapeHtml([...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${formatNumber(n, 0)}`).join(', ') || 'none given')}.</p>` +
    htmlTable(['VM', 'Hosts that refused it', 'First reason'], shown.map((u) => [u.vm, { text: String(u.reasons.length), value: u.reasons.length },
      reasonText(u.reasons)]), { numeric: [1] }) +
    shownNote(shown.length, unplaced.length, 'every unplaced VM is in the CSV export and every reason in the JSON export');
  return { id: 'unplaced', title: 'Unplaced VMs', html };
}
