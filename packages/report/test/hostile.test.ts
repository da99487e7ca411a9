import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import {
  chartBands, chartCostBars, chartHeatmap, chartHistogram, chartPairedBars, placementsCsv, priceSheetCsv, REPORT_SCHEMA, renderHtmlReport, renderMarkdownSummary, reportInputFromJson, type ReportInput,
} from '../src/index.js';
import { csvField, neutraliseCell } from '../src/csv/cell.js';
import { createIdSource } from '../src/charts/svg.js';
import { escapeHtml } from '../src/html/escape.js';
import { escapeMarkdown } from '../src/markdown/escapeMarkdown.js';

// A payload that would be markup in HTML text, break out of a quoted attribute, open an SVG
// element, break a Markdown table row, or start a spreadsheet formula, around any text.
const MARK = '<x-evil q="\'>';
const payload = fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom(MARK, `${MARK}|\n|`, ` =HYPERLINK("x")${MARK}`, `\n-${MARK}`, `@${MARK}`), fc.string({ maxLength: 6 }))
  .map(([a, p, b]) => a + p + b);
const num = fc.double({ min: 0, max: 1e6, noNaN: true });
const vec = fc.record({ cpuGHz: num, memoryMB: num, vms: num }, { requiredKeys: [] });

/** A report input with the payload in every text field the renderers draw. */
const hostileInput: fc.Arbitrary<ReportInput> = fc.record({
  title: payload, generatedAt: payload,
  plan: fc.record({
    placements: fc.array(fc.record({ vm: payload, host: payload }), { maxLength: 4 }),
    unplaced: fc.array(fc.record({ vm: payload, reasons: fc.array(fc.record({ message: payload, kind: payload, host: payload }), { maxLength: 2 }) }), { maxLength: 2 }),
    hosts: fc.array(fc.record({ id: payload, model: payload, used: vec, capacity: vec, vms: fc.array(payload, { maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
  }),
  vms: fc.array(fc.record({ id: payload, group: payload, size: vec }), { maxLength: 4 }),
  failover: fc.record({ toleratedFailures: fc.nat(3), requiredFailures: fc.nat(3), met: fc.boolean(), worstScenario: fc.record({ failedHosts: fc.array(payload, { maxLength: 2 }), description: payload }), notRestarted: fc.array(fc.record({ vm: payload }), { maxLength: 2 }) }),
  sizing: fc.record({ hostsNeeded: fc.nat(9), hostModel: payload, options: fc.array(fc.record({ model: payload, hosts: fc.nat(9), note: payload }), { maxLength: 2 }) }),
  costs: fc.record({ currency: payload, lines: fc.array(fc.record({ category: payload, amount: num, note: payload }), { maxLength: 3 }) }),
  priceSheet: fc.array(fc.record({ item: payload, unit: payload, unitPrice: num, currency: payload, source: payload }), { maxLength: 2 }),
  measurements: fc.record({
    summaries: fc.array(fc.record({ name: payload, unit: payload, count: fc.nat(99), confidenceStars: fc.nat(5) }), { maxLength: 2 }),
    alerts: fc.array(fc.record({ severity: fc.constantFrom('info' as const, 'warning' as const, 'critical' as const), subject: payload, message: payload }), { maxLength: 2 }),
    distributions: fc.array(fc.record({ name: payload, unit: payload, values: fc.array(num, { maxLength: 5 }) }), { maxLength: 1 }),
    peakCoincidence: fc.array(fc.record({ host: payload, unit: payload, sumOfPeaks: num, peakOfSum: num }), { maxLength: 2 }),
  }),
  rightsizing: fc.array(fc.record({ vm: payload, kind: fc.constant('idle' as const), current: vec, suggested: vec, evidence: payload }), { maxLength: 2 }),
  assumptions: fc.array(fc.record({ name: payload, value: payload, unit: payload, source: payload, isDefault: fc.boolean() }), { maxLength: 2 }),
}) as fc.Arbitrary<ReportInput>;

/** RFC 4180 fields of CSV text (quotes doubled inside quoted fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

describe('report outputs on hostile text (fuzz)', () => {
  it('HTML text and attribute: escapeHtml leaves none of < > " \' & unescaped and decodes back to the input', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const e = escapeHtml(s);
      expect(e).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
      expect(e.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')).toBe(s);
    }));
  });

  it('HTML and inline SVG: no payload opens an element or leaves a quoted attribute, in any field', () => {
    fc.assert(fc.property(hostileInput, (input) => {
      const html = renderHtmlReport(input);
      expect(html).not.toContain('<x-evil');
      // the payload's own attribute break (q="'), not any q=" (a payload ending in q= sits before an attribute's closing quote)
      expect(html).not.toContain(`q="'`);
      // every SVG the report draws is inline in the same document
      for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) expect(svg).not.toContain('<x-evil');
    }), { numRuns: 40 });
  });

  it('SVG charts on their own: no label, title, unit or kind opens an element or leaves an attribute', () => {
    fc.assert(fc.property(payload, payload, payload, fc.array(num, { maxLength: 6 }), (a, b, c, values) => {
      const svgs = [
        chartHistogram(values, { title: a, xLabel: b, yLabel: c, kind: a, markers: [{ label: c, value: 1 }] }),
        chartPairedBars({ title: a, kind: b, unit: c, names: [a, b], rows: values.map((v) => ({ label: c, a: v, b: v / 2 })) }),
        chartCostBars(values.map((amount) => ({ category: a, amount })), { currency: b, period: c }),
        chartBands({ name: a, unit: b, points: values.map((v, i) => ({ timestampMs: i * 3_600_000, p50: v })), thresholds: [{ label: c, value: 1 }] }, createIdSource()),
        chartHeatmap({ name: a, unit: b, cells: values.map((value, i) => ({ day: i % 7, hour: i % 24, value })) }),
      ];
      for (const svg of svgs) {
        expect(svg).not.toContain('<x-evil');
        expect(svg).not.toContain(`q="'`);
      }
    }), { numRuns: 60 });
  });

  it('Markdown: no payload opens markup, and every table row keeps its column count', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const e = escapeMarkdown(s);
      expect(e).not.toMatch(/[<>\r\n]/);
      expect(e).not.toMatch(/(^|[^\\])\|/);
    }));
    fc.assert(fc.property(hostileInput, (input) => {
      const md = renderMarkdownSummary(input);
      expect(md).not.toContain('<x-evil');
      for (const table of md.split(/\n\n+/).filter((b) => b.startsWith('|'))) {
        const counts = table.split('\n').filter(Boolean).map((line) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length);
        expect(new Set(counts).size).toBe(1);
      }
    }), { numRuns: 40 });
  });

  it('CSV: every text cell reads back as written, and none starts (after whitespace) with a formula character or starts with a tab, CR or LF', () => {
    const dangerous = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;
    fc.assert(fc.property(fc.string(), (s) => {
      const [cell] = parseCsv(csvField(s) + '\r\n')[0]!;
      expect(cell).toBe(neutraliseCell(s));
      expect(dangerous.test(cell!) ? cell!.startsWith("'") : true).toBe(true);
      if (!cell!.startsWith("'")) expect(cell).toBe(s);
    }));
    fc.assert(fc.property(hostileInput, (input) => {
      for (const text of [placementsCsv(input), priceSheetCsv(input.priceSheet ?? [])]) {
        const rows = parseCsv(text);
        for (const row of rows) {
          expect(row).toHaveLength(rows[0]!.length);
          for (const cell of row) if (dangerous.test(cell)) expect(cell.startsWith("'")).toBe(true);
        }
      }
    }), { numRuns: 40 });
  });

  it.each([
    [' =1+1', "' =1+1"], ['\n=1+1', "'\n=1+1"], ['\t-2', "'\t-2"], ['  @SUM(A1)', "'  @SUM(A1)"], ['\uff1d1', "'\uff1d1"], ['web-01', 'web-01'],
  ])('neutraliseCell(%j) is %j', (cell, out) => {
    expect(neutraliseCell(cell)).toBe(out);
  });
});

describe('report JSON is untrusted input', () => {
  const plan = { placements: [], unplaced: [], hosts: [] };
  const doc = (data: unknown, file = 'size.json') => ({ file, data });
  const markup = { text: '<meta http-equiv="refresh" content="0;url=https://example.invalid">', html: true };

  it('schema/report.schema.json is the schema the reader checks against', () => {
    const file = JSON.parse(readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(REPORT_SCHEMA)));
  });

  it.each([
    ['a cost note', { plan: doc(plan, 'plan.json'), size: doc({ hostsNeeded: 1, costs: { lines: [{ category: 'power', amount: 1, note: markup }] } }) }, 'size.json: costs.lines[0].note: expected a string, got an object'],
    ['a price sheet unit', { plan: doc(plan, 'plan.json'), size: doc({ hostsNeeded: 1, priceSheet: [{ item: 'x', unit: markup, unitPrice: 1 }] }) }, 'size.json: priceSheet[0].unit: expected a string'],
    ['a price sheet source', { plan: doc(plan, 'plan.json'), size: doc({ hostsNeeded: 1, priceSheet: [{ item: 'x', unit: 'u', unitPrice: 1, source: markup }] }) }, 'size.json: priceSheet[0].source: expected a string'],
    ['a measurement name', { bench: doc({ summaries: [{ name: markup, unit: '%', count: 1 }] }, 'bench.json') }, 'bench.json: measurements.summaries[0].name: expected a string'],
    ['right-sizing evidence', { bench: doc({ rightsizing: [{ vm: 'v', kind: 'idle', current: {}, suggested: {}, evidence: markup }] }, 'bench.json') }, 'bench.json: rightsizing[0].evidence: expected a string'],
    ['a sizing model', { size: doc({ hostsNeeded: 1, options: [{ model: markup, hosts: 1 }] }) }, 'size.json: sizing.options[0].model: expected a string'],
    ['requiredFailures as markup', { plan: doc(plan, 'plan.json'), failover: doc({ toleratedFailures: 1, met: true, requiredFailures: '<meta http-equiv=refresh>' }, 'f.json') }, 'f.json: failover.requiredFailures: expected a finite number'],
    ['an alert severity outside the enum', { bench: doc({ alerts: [{ severity: '"><x-evil', subject: 's', message: 'm' }] }, 'bench.json') }, 'bench.json: measurements.alerts[0].severity: expected one of "info", "warning", "critical"'],
    ['a growth resource named like a prototype member', { bench: doc({ growth: { resource: 'constructor', unit: 'GB', history: [], capacity: 1, daysRemaining: null } }, 'bench.json') }, 'bench.json: growth.resource: expected one of'],
    ['an assumption without its source', { plan: doc({ ...plan, assumptions: [{ name: 'a', value: 1, isDefault: true }] }, 'plan.json') }, 'plan.json: plan.assumptions[0].source: expected a string'],
  ])('refuses %s with the file and the field', (_name, docs, message) => {
    const e = (() => { try { reportInputFromJson(docs as Parameters<typeof reportInputFromJson>[0]); } catch (x) { return x; } })();
    expect(e).toBeInstanceOf(HostplanError);
    expect((e as HostplanError).message.startsWith(message)).toBe(true);
  });

  it('a star rating is drawn from its number; no cell shape passes markup through', () => {
    const html = renderHtmlReport({ measurements: { summaries: [{ name: 'cpu', unit: '%', count: 1, confidenceStars: 3 }] } });
    expect(html).toContain('<span class="stars" title="3 of 5">★★★☆☆</span>');
    const smuggled = renderHtmlReport({ costs: { lines: [{ category: 'power', amount: 1, note: markup as unknown as string }] } });
    expect(smuggled).not.toContain('<meta http-equiv="refresh"');
    expect(smuggled).toContain('&lt;meta http-equiv=&quot;refresh&quot;');
  });
});
