import type { Sizing } from '@hostplan/core';
import type { ReportInput } from './types.js';

const COST_PARTS = ['hardware', 'power', 'rackSpace', 'admin', 'licences', 'storage', 'network'] as const;
const CATEGORY = { hardware: 'hardware', power: 'power', rackSpace: 'rack', admin: 'administration', licences: 'licences', storage: 'storage', network: 'network' } as const;

/**
 * The report's sizing, costs and price-sheet sections from core's `sizeFarm` result, for its
 * cheapest feasible option (or the closest when none is feasible).
 *
 * @example
 * const sizing = sizeFarm(catalog, vms, { failover: 1, costs });
 * renderHtmlReport({ ...reportInputFromSizing(sizing), assumptions: sizing.assumptions })
 */
export function reportInputFromSizing(sizing: Sizing): Required<Pick<ReportInput, 'sizing' | 'costs' | 'priceSheet'>> {
  const best = sizing.options.find((o) => o.feasible) ?? sizing.options[0]!;
  return {
    sizing: {
      hostsNeeded: best.hosts,
      hostModel: best.name,
      binding: best.binding,
      ...(best.lowerBound !== null && { lowerBound: best.lowerBound }),
      spareHosts: best.hosts - best.hostsForLoad,
      // an option that cannot run every VM (or hold failover) has no cost to compare
      options: sizing.options.map((o) => ({
        model: o.name, hosts: o.hosts, binding: o.binding, feasible: o.feasible,
        ...(o.feasible ? { costPerMonth: o.costPerMonth, costPerVm: o.costPerVmMonth } : { note: `cannot run ${o.unplaced.length} VM(s) or hold failover: no cost shown` }),
        ...(o.binding && { bindingShare: o.utilization[o.binding] }),
      })),
    },
    costs: {
      currency: 'USD', period: 'month', vmCount: best.placements.length,
      lines: COST_PARTS
        .map((p) => ({ category: CATEGORY[p], amount: best.models.reduce((x, m) => x + m.hosts * m.cost[p], 0), note: best.models.map((m) => `${m.hosts} x ${m.model}: ${m.cost.rules[p]}`).join('; ') }))
        .filter((l) => l.amount > 0),
    },
    priceSheet: best.models.map((m) => ({ item: `${m.model} host`, unit: 'host-month', unitPrice: m.cost.total, currency: 'USD', quantity: m.hosts, source: 'hostMonthlyCost: catalog entry and cost rates (see assumptions)' })),
  };
}
