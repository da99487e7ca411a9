/**
 * Starts a spreadsheet may read as a formula (OWASP CSV injection): `=`, `+`, `-`, `@` (and
 * their full-width forms), also after leading whitespace, which spreadsheets trim; or a tab,
 * CR or LF first.
 */
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/**
 * Neutralises a text cell against formula injection: a cell starting with `=`, `+`, `-`, `@`
 * (also after leading whitespace), tab, CR or LF gets a leading `'`, which spreadsheets show as
 * text. Numbers are
 * written as numbers and never changed.
 *
 * @example
 * neutraliseCell('=HYPERLINK("http://x")') // => '\'=HYPERLINK("http://x")'
 * neutraliseCell(' =1+1') // => "' =1+1"
 * neutraliseCell('web-01') // => 'web-01'
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field (RFC 4180): text neutralised, then quoted when it holds a comma, quote, CR or LF;
 * numbers as written by `String` (NaN and missing values as an empty field).
 *
 * @example
 * csvField('a,b') // => '"a,b"'
 * csvField(-2.5) // => '-2.5'
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (typeof value === 'boolean') return String(value);
  const text = neutraliseCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV text from a header and rows, CRLF line ends (RFC 4180).
 *
 * @example
 * csvTable(['vm', 'host'], [['a', 'h1']]) // => 'vm,host\r\na,h1\r\n'
 */
export function csvTable(header: readonly string[], rows: Iterable<readonly (string | number | boolean | null | undefined)[]>): string {
  const out = [header.map(csvField).join(',')];
  for (const r of rows) out.push(r.map(csvField).join(','));
  return out.join('\r\n') + '\r\n';
}
