import { HostplanError } from '@hostplan/core';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration such as `5m`, `10 min`, `30s`, `1h`, `1d` or `250ms` (a bare number is
 * minutes) into milliseconds. Throws {@link HostplanError} `invalid-value` naming `path`.
 *
 * @example
 * parseDurationMs('5m') // => 300000
 */
export function parseDurationMs(text: string, path = 'duration'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?\s*$/i.exec(text);
  if (!m) throw new HostplanError('invalid-value', path, `expected a duration like 5m, 30s, 1h or 1d, got ${JSON.stringify(text)}`, 'a duration like 5m', text);
  const ms = Number(m[1]) * UNITS[(m[2] ?? 'm').toLowerCase()]!;
  if (!(ms > 0)) throw new HostplanError('invalid-value', path, `expected a positive duration, got ${JSON.stringify(text)}`, 'a positive duration', text);
  return ms;
}
