import type { Assumption } from '@hostplan/core';
import { mergedAssumptions } from '../html/sections/assumptions.js';
import type { ReportInput } from '../input/types.js';

/**
 * Version of the JSON export's shape (semver): a new optional field raises the minor number, a
 * change that breaks readers raises the major. The schema is `schema/report.schema.json`.
 */
export const REPORT_SCHEMA_VERSION = '1.0.0';

/** The `$id` of the JSON Schema the export follows. */
export const REPORT_SCHEMA_ID = 'https://hostplan.dev/schema/report-1.json';

/** The JSON export: the whole input, versioned, with the assumptions merged. */
export interface ReportJson extends Omit<ReportInput, 'assumptions'> {
  readonly $schema: string;
  readonly schemaVersion: string;
  readonly kind: 'hostplan.report';
  readonly assumptions: readonly Assumption[];
}

/**
 * The whole report as one versioned object: plan, failover, sizing, costs, price sheet,
 * measurements, findings, growth and every assumption (the plan's and the input's, merged).
 *
 * @example
 * reportJson({ plan }).schemaVersion // => '1.0.0'
 */
export function reportJson(input: ReportInput): ReportJson {
  const { assumptions: _a, ...rest } = input;
  return { $schema: REPORT_SCHEMA_ID, schemaVersion: REPORT_SCHEMA_VERSION, kind: 'hostplan.report', ...rest, assumptions: mergedAssumptions({ input }) };
}

/**
 * {@link reportJson} as text: `Infinity` (an unlimited capacity) is written as the string
 * `"Infinity"`, NaN as null, so the text is valid JSON.
 *
 * @example
 * JSON.parse(reportJsonText({ plan })).kind // => 'hostplan.report'
 */
export function reportJsonText(input: ReportInput, indent = 2): string {
  return JSON.stringify(reportJson(input), (_k, v: unknown) => (v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : typeof v === 'number' && Number.isNaN(v) ? null : v), indent) + '\n';
}
