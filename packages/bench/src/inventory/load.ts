import { extname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { HostplanError, parseHosts, parseJsonText, parsePolicy, parseVms, type Host, type Policy, type Vm } from '@hostplan/core';
import { decodeUtf8Strict, readInputFile } from './textEncoding.js';
import { parseVmCsv } from './vmCsv.js';

/**
 * Rows of a CSV file as objects keyed by header, with their line numbers; empty cells are
 * omitted, cells trimmed, a UTF-8 BOM and blank lines skipped. A malformed file (e.g. a row with
 * more cells than the header) throws `parse-error` at `file:line`.
 *
 * @example
 * parseCsvRows('id,memoryGB\nvm1,4\nvm2,\n', 'vms.csv').rows
 * // => [{ line: 2, cells: { id: 'vm1', memoryGB: '4' } }, { line: 3, cells: { id: 'vm2' } }]
 */
export function parseCsvRows(text: string, file: string): { header: string[]; rows: { line: number; cells: Record<string, string> }[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    throw new HostplanError('parse-error', `${file}:${err.lines ?? 1}`, `invalid CSV: ${err.message}`, 'CSV', undefined);
  }
  const [head, ...body] = records;
  if (!head) throw new HostplanError('parse-error', `${file}:1`, 'empty CSV: expected a header row', 'a header row', '');
  const header = head.record;
  checkUniqueHeader(header, file, head.info.lines);
  return {
    header,
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      // fromEntries defines own properties: a __proto__ column stays a column for the unknown-field check
      cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']).filter(([, v]) => v !== '')),
    })),
  };
}

/**
 * Throws `parse-error` at the second of two header cells with the same (trimmed, non-empty)
 * name: a repeated column would otherwise keep the last value silently.
 *
 * @example
 * checkUniqueHeader(['id', 'vcpus', 'id'], 'vms.csv', 1) // throws 'vms.csv:1:3: duplicate column "id" (also column 1)'
 */
export function checkUniqueHeader(header: readonly string[], file: string, line: number): void {
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim();
    if (name === '') return;
    const before = seen.get(name);
    if (before !== undefined) throw new HostplanError('parse-error', `${file}:${line}:${i + 1}`, `duplicate column ${JSON.stringify(name)} (also column ${before + 1}); each column may appear once`, 'unique column names', name);
    seen.set(name, i);
  });
}

/** Nested CSV columns: `storage.iops` or `storageIops` become `storage: { iops }`. */
function nest(cells: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cells)) {
    const m = /^storage[._]?(iops|capacityGB|disks)$/i.exec(k);
    if (m) {
      const key = m[1]!.toLowerCase() === 'iops' ? 'iops' : m[1]!.toLowerCase() === 'disks' ? 'disks' : 'capacityGB';
      out.storage = { ...(out.storage as object), [key]: v };
    } else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true }); // __proto__ too
  }
  return out;
}

/** Rethrows an error from a row's field as `file:line:column` with the column's name. */
function atCell(e: unknown, file: string, line: number, header: readonly string[]): never {
  if (!(e instanceof HostplanError)) throw e;
  const field = e.path.replace(/^row(\[\d+\])?\.?/, '').split(/[.[]/)[0] ?? '';
  const col = header.findIndex((h) => h === field || h.replace(/^storage[._]?/i, '').toLowerCase() === field.toLowerCase() || (field === 'storage' && /^storage/i.test(h)));
  const where = col >= 0 ? `${file}:${line}:${col + 1}` : `${file}:${line}`;
  const message = e.message.slice(e.path.length + 2);
  throw new HostplanError(e.code, where, `${e.path.replace(/^row(\[\d+\])?\.?/, '') || 'row'}: ${message}`, e.expected, e.received);
}

function fromCsv<T>(text: string, file: string, parseDoc: (rows: unknown[], path: string) => T[]): T[] {
  const { header, rows } = parseCsvRows(text, file);
  const items: T[] = [];
  for (const { line, cells } of rows) {
    try {
      items.push(...parseDoc([nest(cells)], 'row'));
    } catch (e) {
      atCell(e, file, line, header);
    }
  }
  // duplicate ids across rows
  try {
    parseDoc(rows.map((r) => nest(r.cells)), 'row');
  } catch (e) {
    if (e instanceof HostplanError && e.code === 'duplicate-id') {
      const index = Number(/\[(\d+)\]/.exec(e.path)?.[1] ?? 0);
      const row = rows[index]!;
      throw new HostplanError('duplicate-id', `${file}:${row.line}:${header.indexOf('id') + 1}`, e.message.slice(e.path.length + 2).replace(/row\[(\d+)\]/, (_, i: string) => `line ${rows[Number(i)]!.line}`), e.expected, e.received);
    }
    throw e;
  }
  return items;
}

async function read(file: string, cwd: string): Promise<string> {
  return decodeUtf8Strict(await readInputFile(resolve(cwd, file), file), file);
}

const isCsv = (file: string) => ['.csv', '.tsv', '.txt'].includes(extname(file).toLowerCase());

/**
 * Loads hosts from a JSON file (an array or `{ "hosts": [...] }`) or a CSV file (one row per
 * host, the same names as columns; `nics` and `storage.disks` in compact form). Errors name the
 * file and the field, and for CSV the line and column.
 *
 * @example
 * const hosts = await loadHosts('data/hosts.json'); // => [{ id: 'h2008-01', sockets: 2, ... }, ...]
 */
export async function loadHosts(file: string, cwd = process.cwd()): Promise<Host[]> {
  const text = await read(file, cwd);
  return isCsv(file) ? fromCsv(text, file, (rows, p) => parseHosts(rows, p)) : parseHosts(parseJsonText(text, file), file);
}

/**
 * Loads VMs from a JSON file (an array or `{ "vms": [...] }`) or hostplan's VM CSV (one row per
 * VM, read strictly with the column aliases `hostplan import` knows; group names separated by
 * `;`; an unknown column, a repeated id, or an RVTools or Get-VM export is an error at
 * `file:line:column`).
 *
 * @example
 * const vms = await loadVms('data/vms.csv'); // => [{ id: 'web-01', vcpus: 2, memoryGB: 4, ... }, ...]
 */
export async function loadVms(file: string, cwd = process.cwd()): Promise<Vm[]> {
  const text = await read(file, cwd);
  return isCsv(file) ? parseVmCsv(text, file) : parseVms(parseJsonText(text, file), file);
}

/**
 * Loads a policy from a JSON file (one object).
 *
 * @example
 * const policy = await loadPolicy('data/policy-2008-conservative.json'); // => { rootReserveMB: 1024, ... }
 */
export async function loadPolicy(file: string, cwd = process.cwd()): Promise<Policy> {
  return parsePolicy(parseJsonText(await read(file, cwd), file), file);
}
