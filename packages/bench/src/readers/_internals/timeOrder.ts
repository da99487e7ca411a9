import type { TimeZoneInfo } from '../types.js';

/** Earliest timestamp a perf log may hold: 1970-01-01T00:00:00Z (the epoch). */
export const PERF_MIN_TIME_MS = 0;
/** Timestamps from 2200-01-01T00:00:00Z on are refused as misread. */
export const PERF_MAX_TIME_MS = Date.UTC(2200, 0, 1);
/** The Date range: 100,000,000 days either side of the epoch. */
const DATE_LIMIT_MS = 8.64e15;

/** A time for a message: ISO 8601 when it is a date at all. */
export function showTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= DATE_LIMIT_MS ? new Date(ms).toISOString() : `${ms} ms since 1970 (not a date)`;
}

const HOUR_MS = 3_600_000;

/**
 * Counts rows whose timestamp repeats or goes back from the previous row's, and says so once per
 * kind at the end (a reversed log of a million rows gives two issues, not a million). A step
 * back of 30 minutes to 2 hours in a log of local times gets a daylight-saving hint: perfmon
 * writes wall-clock times under one fixed bias, so the hour after clocks go back repeats.
 */
export class TimeOrderIssues {
  private duplicates = 0;
  private backwards = 0;
  private firstDuplicate: { line: number; ms: number } | null = null;
  private firstBackward: { line: number; ms: number; previous: number } | null = null;
  private daylight: { line: number; stepMs: number } | null = null;

  note(ms: number, previous: number, line: number): void {
    if (ms === previous) {
      if (this.duplicates++ === 0) this.firstDuplicate = { line, ms };
      return;
    }
    if (this.backwards++ === 0) this.firstBackward = { line, ms, previous };
    const step = previous - ms;
    if (this.daylight === null && step >= HOUR_MS / 2 && step <= 2 * HOUR_MS) this.daylight = { line, stepMs: step };
  }

  issues(zone: TimeZoneInfo): { line: number; code: string; message: string }[] {
    const out: { line: number; code: string; message: string }[] = [];
    const more = (n: number, what: string) => (n > 1 ? ` (${n} ${what} in all)` : '');
    if (this.firstDuplicate) {
      const d = this.firstDuplicate;
      out.push({ line: d.line, code: 'duplicate-timestamp', message: `timestamp ${showTime(d.ms)} repeats the previous row's${more(this.duplicates, 'repeated rows')}; both rows are kept` });
    }
    if (this.firstBackward) {
      const b = this.firstBackward;
      out.push({ line: b.line, code: 'timestamp-backwards', message: `timestamp ${showTime(b.ms)} is ${(b.previous - b.ms) / 1000} s before the previous row's ${showTime(b.previous)}${more(this.backwards, 'rows going back')}; rows are kept in file order` });
    }
    if (this.daylight && zone.source !== 'utc') {
      const d = this.daylight;
      out.push({
        line: d.line,
        code: 'daylight-saving-repeat',
        message: `local times go back by ${Math.round(d.stepMs / 60_000)} minutes: a daylight-saving change? The log's times are read with one fixed bias (${zone.biasMinutes} minutes), so the repeated hour overlaps the one before; relog the file in UTC or split it at this line`,
      });
    }
    return out;
  }
}
