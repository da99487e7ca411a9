// The schema is the JSON file itself (imported, so bundled by esbuild and emitted as an import
// of ../../schema/report.schema.json from dist/input/, the same depth as src/input/): no copy to
// keep equal by hand.
import schema from '../../schema/report.schema.json' with { type: 'json' };

/**
 * The report's versioned JSON Schema (draft 2020-12) as data: `schema/report.schema.json`,
 * imported as it is, used to validate report JSON read back by `hostplan report`.
 *
 * @example
 * REPORT_SCHEMA.$id // => 'https://hostplan.dev/schema/report-1.json'
 * Object.keys(REPORT_SCHEMA.$defs).includes('resource') // => true
 */
export const REPORT_SCHEMA: {
  readonly $schema: string;
  readonly $id: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly $defs: Readonly<Record<string, unknown>>;
  readonly [keyword: string]: unknown;
} = schema;
