import { HostplanError } from '@hostplan/core';

/** Where a cell is, for error messages: `file:line:column` and the column's name. */
export interface InventoryCellAt {
  readonly file: string;
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly header: string;
}

const where = (at: InventoryCellAt) => `${at.file}:${at.line}:${at.column}`;

/**
 * A number from an export cell: plain decimals, thousands separated by `,` (`8,192`), or an
 * exponent; with `decimalComma` (a `;`-separated file, as Excel writes on European locales)
 * `21504,5` is 21504.5 and `.` groups thousands. Anything else is a {@link HostplanError}
 * naming `file:line:column` and the column.
 *
 * @example
 * inventoryCellNumber('8,192', { file: 'vInfo.csv', line: 2, column: 5, header: 'Memory' }) // => 8192
 * inventoryCellNumber('21.504,5', { file: 'vInfo.csv', line: 2, column: 6, header: 'Provisioned MiB' }, true) // => 21504.5
 */
export function inventoryCellNumber(text: string, at: InventoryCellAt, decimalComma = false): number {
  const s = text.trim();
  const plain = decimalComma
    ? /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) || /^\d+,\d+$/.test(s) ? s.replace(/\./g, '').replace(',', '.') : s
    : /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain)) return Number(plain);
  throw new HostplanError('invalid-value', where(at), `${at.header}: expected a number, got ${JSON.stringify(text)}`, 'a number', text);
}

/**
 * A yes/no cell: `True`/`False` (RVTools, PowerShell), `yes`/`no`, `1`/`0`; an empty cell is false.
 *
 * @example
 * inventoryCellBoolean('True', { file: 'vInfo.csv', line: 2, column: 3, header: 'Template' }) // => true
 */
export function inventoryCellBoolean(text: string, at: InventoryCellAt): boolean {
  const s = text.trim().toLowerCase();
  if (s === '' || s === 'false' || s === 'no' || s === '0') return false;
  if (s === 'true' || s === 'yes' || s === '1') return true;
  throw new HostplanError('invalid-value', where(at), `${at.header}: expected True or False, got ${JSON.stringify(text)}`, 'True or False', text);
}

/**
 * Binary GB from a value in `unit` (hostplan's GB are GiB; RVTools' MB are MiB; PowerShell gives bytes).
 *
 * @example
 * inventoryToGB(8192, 'MB')       // => 8
 * inventoryToGB(4294967296, 'bytes') // => 4
 */
export function inventoryToGB(value: number, unit: 'MB' | 'GB' | 'bytes'): number {
  const gb = unit === 'GB' ? value : unit === 'MB' ? value / 1024 : value / 1024 ** 3;
  return Number(gb.toPrecision(12));
}

/**
 * Power states that mean the VM is not running: RVTools `poweredOff` and `suspended`, Hyper-V
 * `Off` and `Saved` (memory released, state on disk), hostplan `off`.
 *
 * @example
 * isPoweredOffState('Saved') // => true
 */
export function isPoweredOffState(state: string): boolean {
  return /^(poweredoff|off|saved|suspended|stopped|shutoff|shut off)$/i.test(state.trim());
}

/**
 * Power states that mean the VM runs (holds its memory and CPU on its host): RVTools
 * `poweredOn`, Hyper-V `Running` and the passing states around it (`Paused` keeps its memory),
 * libvirt `running` and `paused`, hostplan `on`.
 *
 * @example
 * isRunningState('poweredOn') // => true
 * isRunningState('Broken') // => false: neither running nor off, so the import asks
 */
export function isRunningState(state: string): boolean {
  return /^(poweredon|on|running|paused|pausing|starting|stopping|saving|resuming|restoring|blocked)$/i.test(state.trim());
}
