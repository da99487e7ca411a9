import { createIdSource } from '../charts/svg.js';
import type { ReportInput } from '../input/types.js';
import { contentSecurityPolicy } from './csp.js';
import { escapeHtml } from './escape.js';
import { sectionAssumptions } from './sections/assumptions.js';
import type { ResolvedHtmlOptions, Section, SectionContext } from './sections/context.js';
import { sectionCosts } from './sections/costs.js';
import { sectionFailover } from './sections/failover.js';
import { sectionGrowth } from './sections/growth.js';
import { sectionHosts } from './sections/hosts.js';
import { sectionMeasurements } from './sections/measurements.js';
import { sectionPlacementMap } from './sections/placementMap.js';
import { sectionRightsizing } from './sections/rightsizing.js';
import { sectionSizing } from './sections/sizing.js';
import { sectionSummary } from './sections/summary.js';
import { sectionTimelines } from './sections/timelines.js';
import { sectionUnplaced } from './sections/unplaced.js';
import { sectionVmTable } from './sections/vmTable.js';
import { sectionWhatIf } from './sections/whatIf.js';
import { whatIfScript } from '../whatif/bundle.js';
import { whatIfDataBlock } from '../whatif/payload.js';
import { SORT_SCRIPT } from './sortScript.js';
import { REPORT_CSS } from './styles.js';
import { formatNumber } from '../format/number.js';

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** Page title; falls back to the input's title. @defaultValue `'Capacity plan'` */
  readonly title?: string;
  /** Hosts drawn one bar each; above this, the fullest hosts plus distributions. @defaultValue 40 */
  readonly maxHostRows?: number;
  /** Rows of long tables (unplaced VMs, findings) before a "showing N of M" note. @defaultValue 500 */
  readonly maxTableRows?: number;
  /** VMs listed in the placement table; above, the worst-fitting ones and a pointer to the CSV. @defaultValue 3000 */
  readonly maxVmRows?: number;
  /** Most VMs for which the page carries the what-if (the plan's inputs); above, the page is static and says so. @defaultValue 5000 */
  readonly maxWhatIfVms?: number;
  /** Colour of the placement map. @defaultValue `'auto'` (by group when VMs have one) */
  readonly colourBy?: 'auto' | 'group' | 'size';
  /** Include the small table-sorting and filtering script (allowed by hash in the CSP). @defaultValue true */
  readonly sortableTables?: boolean;
}

/** Section renderers in page order; each returns null when its data is missing. */
export const SECTION_ORDER = [
  sectionSummary, sectionWhatIf, sectionSizing, sectionHosts, sectionTimelines, sectionPlacementMap, sectionVmTable, sectionFailover, sectionMeasurements,
  sectionRightsizing, sectionGrowth, sectionCosts, sectionUnplaced, sectionAssumptions,
] as const;

function resolve(input: ReportInput, options: HtmlReportOptions): ResolvedHtmlOptions {
  const { title = input.title ?? 'Capacity plan', maxHostRows = 40, maxTableRows = 500, maxVmRows = 3000, colourBy = 'auto' } = options;
  if (!Number.isInteger(maxVmRows) || maxVmRows < 1) throw new RangeError(`invalid maxVmRows: ${maxVmRows}`);
  if (!Number.isInteger(maxHostRows) || maxHostRows < 1) throw new RangeError(`invalid maxHostRows: ${maxHostRows}`);
  if (!Number.isInteger(maxTableRows) || maxTableRows < 1) throw new RangeError(`invalid maxTableRows: ${maxTableRows}`);
  return { title, maxHostRows, maxTableRows, maxVmRows, colourBy };
}

/**
 * The HTML report: one self-contained page (inline CSS, charts drawn with d3 into inline SVG,
 * a Content-Security-Policy that allows nothing external) with a section for each kind of data
 * the input holds. Every name from the input is escaped. Reads no clock: the date shown is
 * `input.generatedAt`. O(hosts log hosts + VMs).
 *
 * @example
 * const html = renderHtmlReport({ plan }, { title: 'Farm 2027' });
 * html.startsWith('<!doctype html>') // => true
 */
export function renderHtmlReport(input: ReportInput, options: HtmlReportOptions = {}): string {
  const resolved = resolve(input, options);
  const { maxWhatIfVms = 5000 } = options;
  const whatIfOff = input.whatIf !== undefined && (input.whatIf.vms.length > maxWhatIfVms || !input.plan);
  const page: ReportInput = whatIfOff ? { ...input, whatIf: undefined } : input;
  const ctx: SectionContext = { input: page, ids: createIdSource(), options: resolved };
  const sections = SECTION_ORDER.map((render) => render(ctx)).filter((s): s is Section => s !== null);
  const scripts = [...(options.sortableTables === false ? [] : [SORT_SCRIPT]), ...(page.whatIf ? [whatIfScript().replace(/<\/(script)/gi, '<\\/$1')] : [])];
  const data = page.whatIf ? whatIfDataBlock({ data: page.whatIf, options: resolved, base: { ...(page.title !== undefined && { title: page.title }), ...(page.costs && { costs: page.costs }), ...(page.priceSheet && { priceSheet: page.priceSheet }) } }) : '';
  const whatIfNote = whatIfOff ? `<p class="note">The what-if controls are left out above ${formatNumber(maxWhatIfVms, 0)} VMs (the page would carry every VM); re-plan with hostplan plan.</p>` : '';
  const meta = [input.generatedAt ? `Inputs of ${input.generatedAt}` : '', input.plan ? `${formatNumber(input.plan.hosts.length, 0)} hosts, ${formatNumber(input.plan.placements.length + input.plan.unplaced.length, 0)} VMs` : ''].filter(Boolean).join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(scripts)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hostplan">
<title>${escapeHtml(resolved.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header class="report-head"><h1>${escapeHtml(resolved.title)}</h1>${meta ? `<div class="meta">${escapeHtml(meta)}</div>` : ''}</header>
${sections.length > 1 ? `<nav class="toc">${sections.map((s) => `<a href="#${s.id}">${escapeHtml(s.title)}</a>`).join('')}</nav>` : ''}
${sections.length === 0 ? '<p>The input holds no plan, measurements or costs to report.</p>' : ''}${whatIfNote}
${sections.map((s) => `<section id="${s.id}" data-section="${s.id}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`).join('\n')}
<footer>Written by hostplan. Every figure is traced in the Assumptions section and in the JSON export.</footer>
</main>
${data}
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}
