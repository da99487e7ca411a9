import { HostplanError } from '../errors.js';

/** Where a key is repeated in a JSON object. */
export interface DuplicateJsonKey {
  readonly key: string;
  /** The object's path, e.g. `$.hosts[2]`. */
  readonly path: string;
  /** 1-based line and column of the second occurrence. */
  readonly line: number;
  readonly column: number;
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly path: string;
  readonly keys: Set<string>;
  index: number;
  pendingKey: string | null;
}

/**
 * The first key that appears twice in one object of a JSON text (`JSON.parse` silently keeps
 * the last), with its position; null when there is none. Expects text `JSON.parse` accepts.
 * Keys are compared decoded (`"a"` and `"\u0061"` are the same key). One pass, no recursion.
 * O(length).
 *
 * @example
 * duplicateJsonKey('{"a": 1,\n "a": 2}') // => { key: 'a', path: '$', line: 2, column: 2 }
 */
export function duplicateJsonKey(text: string): DuplicateJsonKey | null {
  const stack: Frame[] = [];
  let line = 1;
  let lineStart = 0;
  const childPath = (f: Frame | undefined): string => {
    if (!f) return '$';
    return f.kind === 'array' ? `${f.path}[${f.index}]` : `${f.path}.${f.pendingKey ?? ''}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; lineStart = i + 1; continue; }
    const top = stack[stack.length - 1];
    if (c === 123 /* { */ || c === 91 /* [ */) {
      stack.push({ kind: c === 123 ? 'object' : 'array', path: childPath(top), keys: new Set(), index: 0, pendingKey: null });
    } else if (c === 125 || c === 93) {
      stack.pop();
    } else if (c === 44 /* , */) {
      if (top?.kind === 'array') top.index++;
      else if (top) top.pendingKey = null;
    } else if (c === 34 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) { escaped = true; i++; } else if (d === 34) break;
      }
      if (top?.kind === 'object' && top.pendingKey === null) {
        const raw = text.slice(start, i + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys.has(key)) return { key, path: top.path, line, column: start - lineStart + 1 };
        top.keys.add(key);
        top.pendingKey = key;
      }
    }
  }
  return null;
}

/**
 * Throws {@link HostplanError} `parse-error` at `file:line:column` when a JSON text repeats a
 * key in one object, naming the key and the object.
 *
 * @example
 * checkDuplicateJsonKeys('{"a": 1, "a": 2}', 'costs.json')
 * // throws HostplanError: costs.json:1:10: duplicate key "a" in $ (JSON keeps only the last; remove one)
 */
export function checkDuplicateJsonKeys(text: string, file: string): void {
  const d = duplicateJsonKey(text);
  if (d) throw new HostplanError('parse-error', `${file}:${d.line}:${d.column}`, `duplicate key ${JSON.stringify(d.key)} in ${d.path} (JSON keeps only the last; remove one)`, 'unique keys', d.key);
}
