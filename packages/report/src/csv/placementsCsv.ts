import type { ReportInput } from '../input/types.js';
import { csvTable } from './cell.js';

/** Columns of {@link placementsCsv}. */
export const PLACEMENTS_CSV_HEADER = ['vm', 'status', 'host', 'host_model', 'group', 'reason_count', 'first_reason'] as const;

/**
 * Every VM of the plan, one row each: placed VMs with their host, unplaced VMs with the number of
 * hosts that refused them and the first reason (every reason is in the JSON export). Text cells
 * are neutralised against formula injection. O(VMs).
 *
 * @example
 * placementsCsv({ plan }).split('\r\n')[0] // => 'vm,status,host,host_model,group,reason_count,first_reason'
 */
export function placementsCsv(input: Pick<ReportInput, 'plan' | 'vms'>): string {
  const plan = input.plan;
  if (!plan) return csvTable(PLACEMENTS_CSV_HEADER, []);
  const model = new Map(plan.hosts.map((h) => [h.id, h.model ?? '']));
  const group = new Map((input.vms ?? []).map((v) => [v.id, v.group ?? '']));
  function* rows() {
    for (const p of plan!.placements) yield [p.vm, 'placed', p.host, model.get(p.host) ?? '', group.get(p.vm) ?? '', 0, ''] as const;
    for (const u of plan!.unplaced) {
      const first = u.reasons[0];
      yield [u.vm, 'unplaced', '', '', group.get(u.vm) ?? '', u.reasons.length, first ? (first.host ? `${first.host}: ` : '') + first.message : ''] as const;
    }
  }
  return csvTable(PLACEMENTS_CSV_HEADER, rows());
}
