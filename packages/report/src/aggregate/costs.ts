import type { ReportCosts } from '../input/types.js';

/**
 * The sum of every cost line.
 *
 * @example
 * costTotal({ lines: [{ category: 'hardware', amount: 100 }, { category: 'power', amount: 20 }] }) // => 120
 */
export function costTotal(costs: ReportCosts): number {
  return costs.lines.reduce((s, l) => s + l.amount, 0);
}
