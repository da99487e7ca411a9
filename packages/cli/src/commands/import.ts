import { parseArgs } from 'node:util';
import { importInventory, type InventoryImportOptions } from '@hostplan/bench';
import { guestOsAssumptions } from '@hostplan/core';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';

const FORMATS = ['auto', 'rvtools', 'hyperv', 'hostplan'] as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'VM inventory from RVTools vInfo, Get-VM | Export-Csv or hostplan CSV, as hostplan VM JSON',
  help: `Usage: hostplan import FILE [--format auto|rvtools|hyperv|hostplan] [--include-powered-off]
                       [--include-templates] [--json OUT|-]

Reads a VM inventory export and writes hostplan VMs ({ "vms": [...] }, what --vms reads), with
what was left out and why: powered-off VMs and templates (by default), columns nothing reads,
repeated names renamed, and the unit conversions applied. Where the export says where each VM
runs today (RVTools Host and Cluster, Get-VM ComputerName), each VM keeps its "host" (and
"cluster"): the current layout, which plan --current, rate --vms and moves --current read.

Formats (auto-detected from the #TYPE line and the header):
  rvtools   RVTools vInfo tab saved as CSV (VM, Powerstate, Template, CPUs, Memory, Provisioned MiB...)
  hyperv    Get-VM | Export-Csv (Name, State, ProcessorCount, MemoryStartup in bytes...)
  hostplan  hostplan's VM CSV (id, vcpus, memoryGB or memoryMB, diskGB...)

Options:
  --format NAME           the export's format (default auto)
  --include-powered-off   keep VMs that are not running (poweredOff, suspended, Off, Saved)
  --include-templates     keep RVTools templates and SRM placeholders
  --json OUT|-            write the VMs and the import report as JSON to OUT, or to standard output

Examples:
  hostplan import RVTools_tabvInfo.csv --json vms.json
  hostplan import hyperv-vms.csv --format hyperv --include-powered-off --json -`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string' }, 'include-powered-off': { type: 'boolean' }, 'include-templates': { type: 'boolean' }, json: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError(`import needs exactly one FILE, got ${positionals.length}`);
    const format = values.format ?? 'auto';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`invalid --format: ${JSON.stringify(format)}; expected one of ${FORMATS.join(', ')}`);
    const options: InventoryImportOptions = {
      format: format as InventoryImportOptions['format'] & string,
      includePoweredOff: values['include-powered-off'] ?? false,
      includeTemplates: values['include-templates'] ?? false,
    };
    const r = await importInventory(positionals[0]!, options, io.cwd);
    // guest OS names the table cannot read: licensed as Windows later, said now
    const guests = guestOsAssumptions(r.vms);
    if (values.json) {
      await writeJson(values.json, {
        vms: r.vms,
        import: { file: r.file, format: r.format, excluded: r.excluded, ignoredColumns: r.ignoredColumns, columns: r.columns, renamed: r.renamed, assumptions: [...r.assumptions, ...guests.assumptions] },
      }, io);
      if (values.json === '-') return EXIT.ok;
    }
    io.stdout.write(`Imported ${r.vms.length} VM${r.vms.length === 1 ? '' : 's'} from ${r.file} (${r.format})\n\n`);
    if (r.vms.length > 0) {
      io.stdout.write(table(['id', 'vCPUs', 'memory GB', 'disk GB', 'guest OS', 'host'], r.vms.map((v) => [v.id, String(v.vcpus), String(v.memoryGB), v.diskGB === undefined ? '' : String(v.diskGB), v.guestOS ?? '', v.host ?? ''])));
      const onHosts = new Set(r.vms.flatMap((v) => (v.host === undefined ? [] : [v.host])));
      if (onHosts.size > 0) io.stdout.write(`\n${r.vms.filter((v) => v.host !== undefined).length} VMs run on ${onHosts.size} hosts today: check that layout with hostplan plan --current\n`);
    }
    if (r.excluded.length > 0) {
      io.stdout.write(`\nLeft out (${r.excluded.length}):\n`);
      io.stdout.write(table(['id', 'line', 'reason', 'state'], r.excluded.map((e) => [e.id, String(e.line), e.reason, e.state ?? ''])));
    }
    for (const n of r.renamed) io.stdout.write(`\nRenamed ${n.from} (line ${n.line}) to ${n.to}: the name repeats an earlier VM.`);
    if (r.renamed.length > 0) io.stdout.write('\n');
    if (r.ignoredColumns.length > 0) io.stdout.write(`\nColumns ignored: ${r.ignoredColumns.join(', ')}\n`);
    for (const w of guests.warnings) io.stdout.write(`\nwarning: ${w}`);
    if (guests.warnings.length) io.stdout.write('\n');
    io.stdout.write(`\nAssumptions:\n${r.assumptions.map((a) => `  ${a.name} = ${String(a.value)}${a.unit ? ` (${a.unit})` : ''}: ${a.source}`).join('\n')}\n`);
    return EXIT.ok;
  },
};
