import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placementsCsv, priceSheetCsv, PLACEMENTS_CSV_HEADER } from '../src/index.js';
import { csvField, neutraliseCell } from '../src/csv/cell.js';
import { sampleReportInput } from './fixtures/sample.js';

describe('CSV exports', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['web-01', 'web-01'],
    ['', ''],
  ])('neutraliseCell(%j) => %j', (text, expected) => {
    expect(neutraliseCell(text)).toBe(expected);
  });

  it('csvField(number) writes numbers as they are, negative ones included', () => {
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(NaN)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('a text cell read back by a CSV parser is the text, prefixed with a quote only when it could start a formula', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 12, unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', '"', 'a', ' ', 'é') }), { minLength: 1, maxLength: 5 }), (cells) => {
      const text = cells.map(csvField).join(',') + '\r\n';
      const [row] = parse(text, { relax_column_count: true }) as string[][];
      // a formula start, also after leading whitespace (spreadsheets trim it), or a tab, CR or LF first
      const risky = /^\s*[=+\-@]|^[\t\r\n]/;
      expect(row).toEqual(cells.map((c) => (risky.test(c) ? `'${c}` : c)));
      for (const c of row!) expect(c).not.toMatch(risky);
    }), { numRuns: 200 });
  });

  it('placementsCsv(input) has one row per VM, placed and unplaced, and neutralises hostile names', () => {
    const input = sampleReportInput({ vmName: (i, g) => (i === 1 ? '=HYPERLINK("http://x","y")' : `${g}-${i}`) });
    const rows = parse(placementsCsv(input), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...PLACEMENTS_CSV_HEADER]);
    // placed + unplaced = every VM of the input
    expect(rows).toHaveLength(input.vms!.length);
    expect(rows.filter((r) => r.status === 'unplaced')).toHaveLength(input.plan!.unplaced.length);
    expect(rows.some((r) => r.vm === `'=HYPERLINK("http://x","y")`)).toBe(true);
    const unplaced = rows.find((r) => r.status === 'unplaced')!;
    expect(Number(unplaced.reason_count)).toBe(12);
    expect(unplaced.first_reason).toMatch(/^hv-01: needs /);
  });

  it('priceSheetCsv(lines) computes line totals: 8 hosts x 14,500 = 116,000', () => {
    const rows = parse(priceSheetCsv([{ item: 'R760', unit: 'host', unitPrice: 14_500, quantity: 8 }, { item: '@power', unit: 'kWh', unitPrice: 0.18 }], 'EUR'), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      { item: 'R760', unit: 'host', unit_price: '14500', currency: 'EUR', quantity: '8', line_total: '116000', source: '' },
      { item: "'@power", unit: 'kWh', unit_price: '0.18', currency: 'EUR', quantity: '', line_total: '', source: '' },
    ]);
  });
});
