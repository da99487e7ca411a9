import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseJsonDocument, reportInputFromJson, type JsonDocument } from '@hostplan/report';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { writeReportOutputs } from '../reportOutputs.js';

/** Reads and parses a JSON file; a syntax error names the file, line and column. */
async function readJson(file: string, cwd: string): Promise<JsonDocument> {
  return parseJsonDocument(await readFile(resolve(cwd, file), 'utf8'), file);
}

export const report: Command = {
  name: 'report',
  summary: 'an HTML report (and Markdown, CSV, JSON) from the JSON of plan, bench and size',
  help: `Usage: hostplan report [--plan FILE] [--failover FILE] [--bench FILE] [--size FILE]
                       [--html OUT] [--markdown OUT] [--csv DIR] [--json OUT|-] [--title TEXT]

Turns the JSON written by 'hostplan plan --json' (and optionally the failover, bench and size
results) into one self-contained HTML report (charts inline, opens offline, prints well), a
Markdown summary for tickets, CSV of placements and of the price sheet, and a versioned JSON
of the whole report (schema: packages/report/schema/report.schema.json).
With no output option, writes the HTML report to hostplan-report.html.

Options:
  --plan FILE       placement plan JSON (from 'hostplan plan --json'); at least one of
                    --plan, --size, --bench, --failover is needed
  --failover FILE   failover result JSON (toleratedFailures, met, worstScenario, headroom)
  --bench FILE      measurements JSON (from 'hostplan bench --json')
  --size FILE       sizing JSON (from 'hostplan size --json'), with costs and price sheet
  --html OUT        write the HTML report to OUT
  --markdown OUT    write the Markdown summary to OUT (- for standard output)
  --csv DIR         write DIR/placements.csv and DIR/price-sheet.csv
  --json OUT|-      write the report JSON to OUT, or to standard output with -
  --title TEXT      report title (default: the plan's title, else "Capacity plan")

Exit codes: 0 written; 1 written, but VMs are unplaced or failover is not met; 2 bad input.

Examples:
  hostplan report --plan plan.json --html out/report.html
  hostplan size --catalog data/catalog.json --vms data/vms.csv --costs data/costs.json --json size.json
  hostplan report --size size.json --html out/sizing.html
  hostplan report --plan plan.json --failover failover.json --bench bench.json --size size.json \\
    --html report.html --markdown summary.md --csv out/ --json -`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args], strict: true,
      options: { plan: { type: 'string' }, failover: { type: 'string' }, bench: { type: 'string' }, size: { type: 'string' }, html: { type: 'string' }, markdown: { type: 'string' }, csv: { type: 'string' }, json: { type: 'string' }, title: { type: 'string' } },
    });
    if (!values.plan && !values.size && !values.bench && !values.failover) throw new UsageError('report needs --plan FILE (the JSON of hostplan plan --json), or at least one of --size, --bench, --failover');
    const docs = {
      ...(values.plan && { plan: await readJson(values.plan, io.cwd) }),
      ...(values.failover && { failover: await readJson(values.failover, io.cwd) }),
      ...(values.bench && { bench: await readJson(values.bench, io.cwd) }),
      ...(values.size && { size: await readJson(values.size, io.cwd) }),
    };
    const read = reportInputFromJson(docs);
    const input = values.title ? { ...read, title: values.title } : read;
    const html = values.html ?? (values.markdown || values.csv || values.json ? undefined : 'hostplan-report.html');
    const written = await writeReportOutputs(input, { html, markdown: values.markdown, csv: values.csv, json: values.json }, io);
    const toStdout = values.json === '-' || values.markdown === '-';
    if (!toStdout) io.stdout.write(written.map((w) => `wrote ${w}\n`).join(''));
    else io.stderr.write(written.filter((w) => w !== 'standard output').map((w) => `wrote ${w}\n`).join(''));
    const unplaced = input.plan?.unplaced.length ?? 0;
    const incomplete = unplaced > 0 || input.failover?.met === false;
    if (incomplete) io.stderr.write(`hostplan report: ${[unplaced > 0 ? `${unplaced} VM${unplaced === 1 ? '' : 's'} unplaced` : '', input.failover?.met === false ? 'failover not met' : ''].filter(Boolean).join('; ')}\n`);
    return incomplete ? EXIT.incomplete : EXIT.ok;
  },
};
