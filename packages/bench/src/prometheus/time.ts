import { HostplanError, parseDurationMs } from '@hostplan/core';
import type { PromWindow } from './types.js';

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
  if (rel) return rel[1] ? nowMs - parseDurationMs(rel[1], path, 'd') : nowMs;
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
