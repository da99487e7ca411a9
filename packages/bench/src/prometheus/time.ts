import { HostplanError } from '@hostplan/core';
import type { PromWindow } from './types.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/**
 * Reads a duration as PromQL writes it (`30s`, `5m`, `1h30m`, `250ms`, `1d`, `1w`) or a
 * plain number of seconds; returns milliseconds.
 *
 * @example
 * parsePromDurationMs('1h30m', 'step') // => 5400000
 * parsePromDurationMs('15', 'step')    // => 15000
 */
export function parsePromDurationMs(text: string, path: string): number {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    const ms = Number(s) * 1000;
    if (ms > 0) return ms;
  } else if (/^(\d+(ms|s|m|h|d|w|y))+$/.test(s)) {
    let ms = 0;
    for (const m of s.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
    if (ms > 0) return ms;
  }
  throw new HostplanError('invalid-value', path, `expected a duration such as 30s, 5m, 1h30m or a number of seconds, got ${JSON.stringify(text)}`, 'a duration', text);
}

/**
 * Reads a time: RFC 3339 (`2025-06-01T00:00:00Z`), Unix seconds (`1748736000`), `now`, or
 * `now-7d` (relative to `nowMs`); returns epoch milliseconds.
 *
 * @example
 * parsePromTimeMs('2025-06-01T00:00:00Z', 'from') // => 1748736000000
 * parsePromTimeMs('now-1h', 'from', 7200000)      // => 3600000
 */
export function parsePromTimeMs(text: string, path: string, nowMs = Date.now()): number {
  const s = text.trim();
  const rel = /^now(?:\s*-\s*(.+))?$/.exec(s);
  if (rel) return rel[1] ? nowMs - parsePromDurationMs(rel[1], path) : nowMs;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s)) {
    const withZone = /T|\s/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? `${s}Z` : s;
    const t = Date.parse(withZone.replace(' ', 'T'));
    if (!Number.isNaN(t)) return t;
  }
  throw new HostplanError('invalid-value', path, `expected a time as RFC 3339 (2025-06-01T00:00:00Z), Unix seconds, now or now-7d, got ${JSON.stringify(text)}`, 'a time', text);
}

/**
 * Aligns a window to whole steps since the epoch (start rounded up, end rounded down), so that
 * `query_range` and the subqueries of push-down mode evaluate at the same instants.
 *
 * @example
 * alignPromWindow({ startMs: 61_000, endMs: 299_000, stepMs: 60_000 }) // => { startMs: 120000, endMs: 240000, stepMs: 60000 }
 */
export function alignPromWindow(w: PromWindow): PromWindow {
  if (!(w.stepMs > 0)) throw new HostplanError('invalid-value', 'step', `expected a step > 0 ms, got ${w.stepMs}`, 'a step > 0', w.stepMs);
  const startMs = Math.ceil(w.startMs / w.stepMs) * w.stepMs;
  const endMs = Math.floor(w.endMs / w.stepMs) * w.stepMs;
  if (endMs < startMs) {
    throw new HostplanError('invalid-value', 'to', `the window from ${new Date(w.startMs).toISOString()} to ${new Date(w.endMs).toISOString()} holds no whole step of ${w.stepMs} ms`, 'to after from by at least one step', w.endMs);
  }
  return { startMs, endMs, stepMs: w.stepMs };
}

/**
 * Evaluation instants of an aligned window: (end - start) / step + 1.
 *
 * @example
 * promWindowPoints({ startMs: 0, endMs: 600_000, stepMs: 60_000 }) // => 11
 */
export function promWindowPoints(w: PromWindow): number {
  return Math.floor((w.endMs - w.startMs) / w.stepMs) + 1;
}

/**
 * Seconds as the API takes them.
 *
 * @example
 * promApiSeconds(1748736000500) // => '1748736000.5'
 */
export const promApiSeconds = (ms: number): string => String(ms / 1000);
