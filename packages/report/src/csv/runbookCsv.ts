import type { ReportInput } from '../input/types.js';
import { csvTable } from './cell.js';

/** Columns of {@link runbookCsv}. */
export const RUNBOOK_CSV_HEADER = ['cluster', 'failed_hosts', 'vm', 'from_host', 'status', 'restarts_on', 'reason_count', 'first_reason'] as const;

/**
 * The failover runbook, one row per displaced VM per failure set (worst sets first, as many as
 * the runbook lists): the failed hosts, the host the VM ran on, and where it restarts, or
 * `not restarted` with the number of hosts that refused it and the first reason (every reason
 * is in the JSON export). Text cells are neutralised against formula injection. O(rows).
 *
 * @example
 * runbookCsv({ failover }).split('\r\n')[0] // => 'cluster,failed_hosts,vm,from_host,status,restarts_on,reason_count,first_reason'
 */
export function runbookCsv(input: Pick<ReportInput, 'failover'>): string {
  const scenarios = input.failover?.runbook?.scenarios ?? [];
  function* rows() {
    for (const s of scenarios) {
      const failed = s.failed.join(' + ');
      for (const p of s.placements) yield [s.cluster ?? '', failed, p.vm, p.from ?? '', 'restarts', p.host, 0, ''] as const;
      for (const u of s.unplaced) {
        const first = u.reasons?.[0];
        yield [s.cluster ?? '', failed, u.vm, u.from ?? '', 'not restarted', '', u.reasons?.length ?? 0, first ? (first.host ? `${first.host}: ` : '') + first.message : ''] as const;
      }
    }
  }
  return csvTable(RUNBOOK_CSV_HEADER, rows());
}
