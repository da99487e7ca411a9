import { HostplanError } from '@hostplan/core';
import { describe, expect, it } from 'vitest';
import { parseJsonDocument, reportInputFromJson } from '../src/index.js';

const plan = { placements: [{ vm: 'a', host: 'h1' }], unplaced: [{ vm: 'b', reasons: [{ kind: 'capacity', host: 'h1', message: 'no room', shortfall: {} }] }], hosts: [{ id: 'h1', used: { memoryMB: 1 }, capacity: { memoryMB: 2, vms: 'Infinity' }, binding: 'memoryMB', vms: ['a'] }] };
const doc = (data: unknown, file = 'plan.json') => ({ file, data });

describe('reportInputFromJson(docs)', () => {
  it('reads core\'s PlacementPlan at the top level or under "plan"', () => {
    const top = reportInputFromJson({ plan: doc(plan) });
    const nested = reportInputFromJson({ plan: doc({ plan, vms: [{ id: 'a', antiAffinityGroup: 'web', demand: { memoryMB: 1 } }] }) });
    expect(top.plan!.hosts[0]!.capacity).toEqual({ memoryMB: 2, vms: Infinity });
    expect(nested.plan!.unplaced).toEqual([{ vm: 'b', reasons: [{ kind: 'capacity', host: 'h1', message: 'no room' }] }]);
    expect(nested.vms).toEqual([{ id: 'a', group: 'web', size: { memoryMB: 1 } }]);
  });

  it.each<[string, unknown, string]>([
    ['a host without id', { ...plan, hosts: [{ used: {}, capacity: {} }] }, 'plan.json: plan.hosts[0].id: expected a string, got undefined'],
    ['a used value that is not a number', { ...plan, hosts: [{ id: 'h', used: { memoryMB: 'lots' }, capacity: {} }] }, 'plan.json: plan.hosts[0].used.memoryMB: expected a finite number or "Infinity" or null, got "lots"'],
    ['placements that are not an array', { ...plan, placements: {} }, 'plan.json: plan.placements: expected an array, got an object'],
    ['a reason without a message', { ...plan, unplaced: [{ vm: 'b', reasons: [{ kind: 'x' }] }] }, 'plan.json: plan.unplaced[0].reasons[0].message: expected a string, got undefined'],
    ['a document without a plan', { hosts: 3 }, 'plan.json: plan: expected a placement plan'],
    ['a document that is an array', [], 'plan.json: (document): expected an object, got an array'],
  ])('names the file and field: %s', (_name, data, message) => {
    const e = (() => { try { reportInputFromJson({ plan: doc(data) }); } catch (x) { return x; } })();
    expect(e).toBeInstanceOf(HostplanError);
    expect((e as HostplanError).message.startsWith(message)).toBe(true);
  });

  it('adds failover, bench and size documents and keeps the assumptions of each', () => {
    const a = (name: string) => ({ name, value: 1, source: 's', isDefault: true });
    const input = reportInputFromJson({
      plan: doc({ plan: { ...plan, assumptions: [a('policy.x')] }, assumptions: [a('plan.y')] }),
      failover: doc({ failover: { toleratedFailures: 1, met: false }, assumptions: [a('failover.k')] }, 'failover.json'),
      bench: doc({ measurements: { alerts: [{ severity: 'info', subject: 's', message: 'm' }] }, growth: { resource: 'memoryMB', unit: 'GB', capacity: 10, history: [], daysRemaining: null }, assumptions: [a('bench.p')] }, 'bench.json'),
      size: doc({ hostsNeeded: 4, costs: { lines: [{ category: 'power', amount: 3 }] } }, 'size.json'),
    });
    expect(input.failover).toEqual({ toleratedFailures: 1, met: false });
    expect(input.sizing).toEqual({ hostsNeeded: 4, costs: { lines: [{ category: 'power', amount: 3 }] } });
    expect(input.costs).toEqual({ lines: [{ category: 'power', amount: 3 }] });
    expect(input.measurements?.alerts).toHaveLength(1);
    expect(input.growth?.capacity).toBe(10);
    expect(input.assumptions!.map((x) => x.name)).toEqual(['plan.y', 'failover.k', 'bench.p']);
    expect(input.plan!.assumptions!.map((x) => x.name)).toEqual(['policy.x']);
  });

  it.each<[string, Parameters<typeof reportInputFromJson>[0], string]>([
    ['failover without met', { plan: doc(plan), failover: doc({ toleratedFailures: 1 }, 'f.json') }, 'f.json: failover.met: expected true or false'],
    ['size without hostsNeeded', { plan: doc(plan), size: doc({ sizing: {} }, 's.json') }, 's.json: sizing.hostsNeeded: expected a finite number'],
    ['bench with nothing the report draws', { plan: doc(plan), bench: doc({ other: 1 }, 'b.json') }, 'b.json: measurements: expected measurements'],
    ['a cost line without amount', { plan: doc(plan), size: doc({ hostsNeeded: 1, costs: { lines: [{ category: 'power' }] } }, 's.json') }, 's.json: costs.lines[0].amount: expected a finite number'],
  ])('rejects %s with the file and field', (_name, docs, message) => {
    expect(() => reportInputFromJson(docs)).toThrow(message);
  });
});

describe('parseJsonDocument(text, file)', () => {
  it.each<[string, string]>([
    ['{\n  "plan": [,\n}', 'plan.json:2:12: invalid JSON: unexpected'],
    ['{"a": 1', 'plan.json:1:8: invalid JSON: unexpected the end of the file'],
    ['{"a": 1}}', 'plan.json:1:9: invalid JSON: unexpected "}"'],
  ])('names line and column of the first bad character in %j', (text, message) => {
    expect(() => parseJsonDocument(text, 'plan.json')).toThrow(message);
  });
});

it('parseJsonDocument(text) accepts a UTF-8 byte order mark', () => {
  expect(parseJsonDocument('\ufeff{"a": 1}', 'plan.json').data).toEqual({ a: 1 });
});
