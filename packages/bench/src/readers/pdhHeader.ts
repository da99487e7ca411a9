/** What cell 0 of a perfmon log's header says. */
export interface PdhHeader {
  /** `CSV` (comma) or `TSV` (tab). */
  readonly variant: 'CSV' | 'TSV';
  /** `4.0`. */
  readonly version: string;
  /** Time zone name as written; truncated names are kept (`RTZ 2 (`); null when absent. */
  readonly zoneName: string | null;
  /** Bias in minutes (UTC minus local), or null when absent or truncated. */
  readonly biasMinutes: number | null;
}

/**
 * Parses header cell 0 of a PDH-CSV/PDH-TSV log: `(PDH-CSV 4.0) (India Standard Time)(-330)`.
 * Accepts a truncated zone (`(PDH-CSV 4.0) (RTZ 2 (`) or none (`(PDH-CSV 4.0)`); returns null
 * when the cell is not a PDH header at all.
 *
 * @example
 * parsePdhHeader('(PDH-CSV 4.0) (Eastern Daylight Time)(240)')
 * // => { variant: 'CSV', version: '4.0', zoneName: 'Eastern Daylight Time', biasMinutes: 240 }
 */
export function parsePdhHeader(cell: string): PdhHeader | null {
  const m = /^\(PDH-(CSV|TSV) ([^)]*)\)\s*(.*)$/.exec(cell.trim());
  if (!m) return null;
  const variant = m[1] as 'CSV' | 'TSV';
  const version = m[2]!;
  const zonePart = m[3]!;
  const full = /^\((.*)\)\((-?\d+)\)$/.exec(zonePart);
  if (full) return { variant, version, zoneName: full[1]!, biasMinutes: Number(full[2]) };
  if (zonePart === '') return { variant, version, zoneName: null, biasMinutes: null };
  // truncated: keep what is there, without the opening parenthesis
  const name = zonePart.startsWith('(') ? zonePart.slice(1) : zonePart;
  return { variant, version, zoneName: name, biasMinutes: null };
}
