import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../src/index.js';
import { assumptionGroup, sourceForPeople, valueForPeople, SEED_TITLE } from '../src/html/sections/assumptionText.js';

const a = (name: string, value: unknown, isDefault: boolean, source = 'hostplan') => ({ name, value, source, isDefault });

describe('assumptions for people', () => {
  it('sourceForPeople names documents: the seed by the whitepaper title, domain.md sections by what follows, input as your input', () => {
    expect(sourceForPeople('seed: "leave at least 512 MB available" for the root partition')).toBe(`${SEED_TITLE}: "leave at least 512 MB available" for the root partition`);
    expect(sourceForPeople('seed whitepaper (Hyper-V on Windows Server 2008)')).toBe(SEED_TITLE);
    expect(sourceForPeople('domain.md 7: PAL Hyper-V thresholds and Microsoft field guidance')).toBe('PAL Hyper-V thresholds and Microsoft field guidance');
    expect(sourceForPeople('input')).toBe('your input');
    expect(sourceForPeople('SCVMM host reserve default')).toBe('SCVMM host reserve default');
    fc.assert(fc.property(fc.string(), (s) => {
      expect(sourceForPeople(s)).not.toMatch(/^seed\b|domain\.md/);
    }));
  });

  it('valueForPeople never writes a JSON array or object', () => {
    expect(valueForPeople([50, 90, 95, 99])).toBe('50, 90, 95, 99');
    expect(valueForPeople({ cpuGHz: 0.8, memoryMB: 0.9 })).toBe('cpuGHz: 0.8; memoryMB: 0.9');
    expect(valueForPeople(null)).toBe('none');
    expect(valueForPeople(50_331_648)).toBe('50,331,648');
    // values whose own strings hold no brackets or quotes: any bracket or quote in the text would be JSON syntax
    const word = fc.stringMatching(/^[a-z0-9 .:-]{0,12}$/);
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), word, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(word, tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(fc.property(value, (v) => {
      expect(valueForPeople(v)).not.toMatch(/[[\]{}"]/);
    }));
  });

  it('groups by name and puts the values set by the input first, defaults collapsed, machine settings out', () => {
    const html = renderHtmlReport({ assumptions: [
      a('policy.rootReserveMB', 512, true, 'seed: "leave at least 512 MB available"'), a('failover.k', 2, false, 'input'),
      a('demand.percentile', 95, true, 'Azure Migrate default'), a('stats.percentiles', [50, 90, 95, 99], false, 'input'),
      a('stats.spillDirectory', '/tmp', true), a('stats.memoryBudgetBytes', 50_331_648, true), a('cost.termMonths', 36, false, 'costs.json'),
    ] });
    const section = html.slice(html.indexOf('id="assumptions"'));
    expect(['Placement and failover', 'Measurements', 'Cost'].map((t) => section.indexOf(`<h3>${t}</h3>`))).toEqual([...['Placement and failover', 'Measurements', 'Cost'].map((t) => section.indexOf(`<h3>${t}</h3>`))].sort((x, y) => x - y));
    // in placement: failover.k (input) in the open table, rootReserveMB (default) inside <details>
    const placement = section.slice(section.indexOf('<h3>Placement and failover</h3>'), section.indexOf('<h3>Measurements</h3>'));
    expect(placement.indexOf('failover.k')).toBeLessThan(placement.indexOf('<details>'));
    expect(placement.indexOf('policy.rootReserveMB')).toBeGreaterThan(placement.indexOf('<details><summary>1 default</summary>'));
    expect(section).toContain('<td>50, 90, 95, 99</td>');
    expect(section).not.toContain('spillDirectory');
    expect(section).not.toContain('memoryBudgetBytes');
    expect(section).toContain('2 settings of the machine that ran hostplan');
    expect(section).not.toMatch(/>seed|domain\.md/);
    expect(section).toContain(SEED_TITLE.replaceAll('"', '&quot;'));
  });

  it('assumptionGroup sorts the names hostplan writes', () => {
    expect(['placement.goal', 'policy.reserves.cpuPercent', 'failover.k', 'demand.percentile', 'stats.windowMs', 'cost.termMonths', 'licensing.edition', 'report.title'].map(assumptionGroup))
      .toEqual(['placement', 'placement', 'placement', 'measurements', 'measurements', 'cost', 'cost', 'other']);
  });
});
