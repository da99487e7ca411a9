import type { ReportInput, ReportWhatIf } from '../input/types.js';
import type { ResolvedHtmlOptions } from '../html/sections/context.js';

/** What the page's what-if script reads: the plan's inputs, the page's options and the sections' other data. */
export interface WhatIfPayload {
  readonly data: ReportWhatIf;
  readonly options: ResolvedHtmlOptions;
  readonly base: Pick<ReportInput, 'title' | 'costs' | 'priceSheet'>;
}

/**
 * The what-if data block of the page: JSON in a `<script type="application/json">` (data, never
 * run; the CSP does not need to allow it), with every `<` written `\u003c` so that no name can
 * close the element.
 *
 * @example
 * whatIfDataBlock({ data, options, base: {} }).startsWith('<script type="application/json" id="hostplan-whatif-data">') // => true
 */
export function whatIfDataBlock(payload: WhatIfPayload): string {
  return `<script type="application/json" id="hostplan-whatif-data">${JSON.stringify(payload).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}</script>`;
}
