import { parseJsonText } from '@hostplan/core';
import type { JsonDocument } from './fromJson.js';

/**
 * Parses the text of a JSON file into a document for {@link reportInputFromJson}; a syntax
 * error becomes a `HostplanError` (code `parse-error`) naming `file:line:column` (core's
 * `parseJsonText`, which also accepts a byte order mark); a key repeated in one object is a
 * `parse-error` at its line and column.
 *
 * @example
 * parseJsonDocument('{"a": [,]}', 'plan.json') // throws 'plan.json:1:8: invalid JSON: unexpected ",]}"'
 */
export function parseJsonDocument(text: string, file: string): JsonDocument {
  return { file, data: parseJsonText(text, file) };
}
