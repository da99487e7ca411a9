import { HostplanError } from '../errors.js';
import { checkDuplicateJsonKeys } from './duplicateKeys.js';
import { jsonErrorOffset } from './jsonErrorOffset.js';

/**
 * Line and column (1-based) of a 0-based character offset in a text, for `file:line:column`
 * error paths; lines end at `\n`.
 *
 * @example
 * lineColumn('ab\ncd', 4) // => { line: 2, column: 2 }
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/**
 * Parses JSON text; a syntax error becomes a {@link HostplanError} naming `file:line:column`,
 * and so does a key repeated in one object (JSON.parse would keep the last silently).
 *
 * @example
 * parseJsonText('{"a": }', 'x.json') // throws 'x.json:1:7: invalid JSON: ...'
 * parseJsonText('{"a": 1, "a": 2}', 'x.json') // throws 'x.json:1:10: duplicate key "a" in $ ...'
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const offset = jsonErrorOffset(body);
    const where = lineColumn(body, Math.max(0, offset));
    const found = offset >= body.length ? 'the end of the file' : JSON.stringify(body.slice(offset, offset + 12));
    throw new HostplanError('parse-error', `${file}:${where.line}:${where.column}`, `invalid JSON: unexpected ${found}`, 'JSON', (e as Error).message);
  }
  checkDuplicateJsonKeys(body, file);
  return doc;
}

