import type { PerfFormat } from '../types.js';

/**
 * Guesses the format from the first line (decoded): `(PDH-CSV`/`(PDH-TSV` -> pdh;
 * `# hostname;` or `host;interval;YYYY-MM-DD ...` -> sar; anything else -> csv.
 *
 * @example
 * detectFormat('"(PDH-CSV 4.0) (UTC)(0)","\\\\H\\Memory\\Available MBytes"') // => 'pdh'
 */
export function detectFormat(firstLine: string): PerfFormat {
  const line = firstLine.trimStart();
  if (/^"?\(PDH-(CSV|TSV) /.test(line)) return 'pdh';
  if (/^# hostname;/.test(line) || /^[^;,"]+;-?\d+;(\d{4}-\d\d-\d\d[ T]|\d{9,11};)/.test(line)) return 'sar';
  return 'csv';
}
