import { join } from 'node:path';
import { placementsCsv, priceSheetCsv, renderHtmlReport, renderMarkdownSummary, reportJsonText, runbookCsv, type ReportInput } from '@hostplan/report';
import type { Io } from './io.js';
import { writeText } from './output.js';

/** Where report outputs go; each is optional. */
export interface ReportTargets {
  /** HTML report file. */
  readonly html?: string | undefined;
  /** Markdown summary file, or `-` for standard output. */
  readonly markdown?: string | undefined;
  /** Folder for placements.csv, failover-runbook.csv (with a failover check) and price-sheet.csv. */
  readonly csv?: string | undefined;
  /** Report JSON file, or `-` for standard output. */
  readonly json?: string | undefined;
}

/**
 * Writes a report in every form asked for and returns where each went.
 *
 * @example
 * await writeReportOutputs(input, { html: 'out/report.html' }, io) // => ['/abs/out/report.html']
 */
export async function writeReportOutputs(input: ReportInput, targets: ReportTargets, io: Io): Promise<string[]> {
  const written: string[] = [];
  if (targets.html) written.push(await writeText(targets.html, renderHtmlReport(input), io));
  if (targets.markdown) written.push(await writeText(targets.markdown, renderMarkdownSummary(input), io));
  if (targets.csv) {
    written.push(await writeText(join(targets.csv, 'placements.csv'), placementsCsv(input), io));
    if (input.failover?.runbook) written.push(await writeText(join(targets.csv, 'failover-runbook.csv'), runbookCsv(input), io));
    if (input.priceSheet?.length) written.push(await writeText(join(targets.csv, 'price-sheet.csv'), priceSheetCsv(input.priceSheet, input.costs?.currency), io));
  }
  if (targets.json) written.push(await writeText(targets.json, reportJsonText(input), io));
  return written;
}
