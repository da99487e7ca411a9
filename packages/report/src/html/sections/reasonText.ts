import type { ReportReason } from '../../input/types.js';
import { formatNumber } from '../../format/number.js';

/**
 * A VM's reasons in one short line: the first (with its host), then how many more hosts gave
 * one; every reason stays in the JSON export.
 *
 * @example
 * reasonText([{ host: 'h1', message: 'needs 2 GB more' }, { host: 'h2', message: 'full' }])
 * // => 'h1: needs 2 GB more (and 1 more host)'
 */
export function reasonText(reasons: readonly ReportReason[] | undefined): string {
  const list = reasons ?? [];
  const first = list[0];
  if (!first) return 'no reason given';
  const more = list.length - 1;
  return `${first.host && !first.message.includes(first.host) ? `${first.host}: ` : ''}${first.message}${more > 0 ? ` (and ${formatNumber(more, 0)} more host${more === 1 ? '' : 's'})` : ''}`;
}
