import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

const GOLDEN = new URL('../golden/', import.meta.url);

/**
 * Golden markup made stable and readable: generated ids renumbered in order of first use
 * (`clip-7` -> `clip-1`), numbers with more than two decimals rounded to two, one tag per line.
 */
export function normaliseMarkup(markup: string): string {
  const ids = new Map<string, string>();
  let n = 0;
  return markup
    .replace(/\b(clip|grad|id)-(\d+)\b/g, (m, prefix: string) => {
      if (!ids.has(m)) ids.set(m, `${prefix}-${++n}`);
      return ids.get(m)!;
    })
    .replace(/-?\d+\.\d{3,}/g, (x) => String(Math.round(Number(x) * 100) / 100))
    .replace(/></g, '>\n<');
}

/**
 * Compares markup with `test/golden/<name>`; on a mismatch writes `<name>-changed.<ext>` next to
 * it for review (ignored by git) and fails. `UPDATE_GOLDEN=1` rewrites the golden instead.
 */
export function expectGolden(name: string, markup: string, folder: URL = GOLDEN): void {
  const actual = normaliseMarkup(markup) + '\n';
  const file = new URL(name, folder);
  const changed = new URL(name.replace(/(\.\w+)$/, '-changed$1'), folder);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    rmSync(changed, { force: true });
    return;
  }
  if (!existsSync(file)) {
    writeFileSync(changed, actual);
    throw new Error(`golden ${name} is missing: review ${changed.pathname}, then run with UPDATE_GOLDEN=1 to accept it`);
  }
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) writeFileSync(changed, actual);
  else rmSync(changed, { force: true });
  expect(actual, `${name} differs from its golden; see ${changed.pathname} (UPDATE_GOLDEN=1 accepts it)`).toBe(expected);
}
