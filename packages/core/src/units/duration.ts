import { HostplanError } from '../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
const PART = /(\d+(?:\.\d+)?)\s*(ms|min|s|m|h|d|w|y)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?\s*(?:ms|min|s|m|h|d|w|y)\s*)+$/;

/**
 * Reads a duration with explicit units, as PromQL writes them and a little looser: `30s`, `5m`,
 * `10 min`, `1h30m`, `250ms`, `1d`, `1w`, `1y` (365 days); returns milliseconds. The one
 * duration reader of `--window`, `--step`, `--from now-7d` and the Prometheus options. A bare
 * number is an error that names the unit it needs (`unit`, e.g. 'm' for a window, 's' for a
 * step): a number alone meant minutes in one option and seconds in another. Throws a
 * HostplanError at `path`.
 *
 * @example
 * parseDurationMs('1h30m', 'step') // => 5400000
 * parseDurationMs('5', '--window', 'm') // throws '--window: "5" has no unit: write 5m (or 5s, 5h, 5d)'
 */
export function parseDurationMs(text: string, path: string, unit: 'ms' | 's' | 'm' | 'h' | 'd' = 's'): number {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) {
    const others = ['s', 'm', 'h', 'd'].filter((u) => u !== unit).map((u) => `${s}${u}`).join(', ');
    throw new HostplanError('invalid-value', path, `${JSON.stringify(text)} has no unit: write ${s}${unit} (or ${others})`, `a duration with a unit, e.g. ${s}${unit}`, text);
  }
  let ms = 0;
  if (WHOLE.test(s)) for (const m of s.matchAll(PART)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  if (!(ms > 0)) throw new HostplanError('invalid-value', path, `expected a duration such as 30s, 5m, 1h30m or 1d, got ${JSON.stringify(text)}`, 'a duration', text);
  return ms;
}
