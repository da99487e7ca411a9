import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport, type ReportInput } from '../src/index.js';
import { escapeHtml } from '../src/html/escape.js';
import { sampleReportInput } from './fixtures/sample.js';

const sectionsOf = (html: string) => [...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1]);
const chartsOf = (html: string) => [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);

const host = { id: 'h1', used: { memoryMB: 1024 }, capacity: { memoryMB: 2048 }, vms: ['a'] };
const plan = { placements: [{ vm: 'a', host: 'h1' }], unplaced: [], hosts: [host] };

describe('renderHtmlReport(input)', () => {
  it('shows every section and chart for the sample input', () => {
    const html = renderHtmlReport(sampleReportInput());
    expect(sectionsOf(html)).toEqual(['summary', 'hosts', 'placement', 'vms', 'failover', 'measurements', 'rightsizing', 'growth', 'costs', 'unplaced', 'assumptions']);
    expect(new Set(chartsOf(html))).toEqual(new Set(['utilisation-matrix', 'placement-map', 'failover-headroom', 'time-bands', 'heatmap', 'histogram', 'peak-coincidence', 'growth', 'cost-breakdown']));
  });

  it.each<[string, ReportInput, string[]]>([
    ['nothing', {}, []],
    ['a plan with every VM placed', { plan }, ['summary', 'hosts', 'placement', 'vms']],
    ['a plan with an unplaced VM', { plan: { ...plan, unplaced: [{ vm: 'b', reasons: [{ message: 'too big' }] }] } }, ['summary', 'hosts', 'placement', 'vms', 'unplaced']],
    ['failover only', { failover: { toleratedFailures: 1, met: true } }, ['summary', 'failover']],
    ['costs only', { costs: { lines: [{ category: 'power', amount: 10 }] } }, ['summary', 'costs']],
    ['assumptions only', { assumptions: [{ name: 'x', value: 1, source: 's', isDefault: true }] }, ['assumptions']],
    ['empty measurements', { measurements: {} }, []],
    ['growth without history', { growth: { resource: 'memoryMB', unit: 'GB', history: [], capacity: 1, daysRemaining: null } }, []],
  ])('shows a section only when its data exists: %s', (_name, input, expected) => {
    expect(sectionsOf(renderHtmlReport(input))).toEqual(expected);
  });

  it('allows nothing external: a CSP meta tag, no URL to another address, the one script allowed by its hash', () => {
    const html = renderHtmlReport(sampleReportInput());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'$/);
    // The only http(s) text is the SVG namespace, which is not fetched.
    expect([...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    expect(html).not.toMatch(/\ssrc=|<link|@import|url\((?!#)/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`);
    expect(renderHtmlReport({ plan }, { sortableTables: false })).not.toContain('<script');
  });

  it('escapes every name: no input string reaches the page as markup', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 30 }).map((s) => `<${s}"'&>`), (name) => {
      const html = renderHtmlReport({
        title: name,
        plan: { placements: [{ vm: name, host: name }], unplaced: [{ vm: name, reasons: [{ kind: name, host: name, message: name }] }], hosts: [{ ...host, id: name, model: name, vms: [name] }] },
        vms: [{ id: name, group: name, size: { memoryMB: 512 } }],
        failover: { toleratedFailures: 0, met: false, worstScenario: { failedHosts: [name], description: name }, headroom: [{ host: name, free: { memoryMB: 1 }, capacity: { memoryMB: 2 } }], notRestarted: [{ vm: name, reasons: [{ message: name }] }] },
        costs: { currency: name, lines: [{ category: name, amount: 1, note: name }] },
        priceSheet: [{ item: name, unit: name, unitPrice: 1, source: name }],
        measurements: { alerts: [{ severity: 'warning', subject: name, message: name }], summaries: [{ name, unit: name, count: 1 }], peakCoincidence: [{ host: name, unit: name, sumOfPeaks: 2, peakOfSum: 1 }], distributions: [{ name, unit: name, values: [1, 2] }], heatmaps: [{ name, unit: name, cells: [{ day: 0, hour: 0, value: 1 }] }], timeSeries: [{ name, unit: name, points: [{ timestampMs: 0, p50: 1 }, { timestampMs: 3_600_000, p50: 2 }], thresholds: [{ label: name, value: 1 }] }] },
        rightsizing: [{ vm: name, kind: 'idle', current: {}, suggested: {}, evidence: name }],
        assumptions: [{ name, value: name, unit: name, source: name, isDefault: false }],
      });
      expect(html).not.toContain(name);
      expect(html).toContain(escapeHtml(name));
    }), { numRuns: 40 });
  });

  it('aggregates a big plan: the fullest maxHostRows hosts plus a distribution per resource', () => {
    const hosts = Array.from({ length: 60 }, (_, i) => ({ id: `h${i}`, used: { memoryMB: i }, capacity: { memoryMB: 100 }, vms: [`v${i}`] }));
    const html = renderHtmlReport({ plan: { placements: hosts.map((h) => ({ vm: h.vms[0]!, host: h.id })), unplaced: [], hosts } }, { maxHostRows: 10 });
    expect(chartsOf(html)).toContain('host-distribution');
    const matrix = /<svg class="chart" data-chart="utilisation-matrix"[\s\S]*?<\/svg>/.exec(html)![0];
    // The 10 fullest are h59 .. h50 (used 59 .. 50 of 100).
    expect([...matrix.matchAll(/class="row-label"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(Array.from({ length: 10 }, (_, i) => `h${59 - i}`));
    expect(html).toContain('The 10 fullest of 60 hosts');
  });

  it('draws one sum-of-peaks chart per unit and groups repeated alerts', () => {
    const html = renderHtmlReport({ measurements: {
      peakCoincidence: [{ host: 'HV01', unit: 'cores (p95)', sumOfPeaks: 6, peakOfSum: 5 }, { host: 'HV01', unit: 'MB (p95)', sumOfPeaks: 48_640, peakOfSum: 48_640 }, { host: 'HV02', unit: 'cores (p95)', sumOfPeaks: 7, peakOfSum: 7 }],
      alerts: [...Array.from({ length: 3 }, (_, i) => ({ severity: 'warning' as const, subject: 'HV01 CPU', message: `above 50 % at ${i}` })), { severity: 'critical', subject: 'HV02 memory', message: 'full' }],
    } });
    expect(chartsOf(html).filter((c) => c === 'peak-coincidence')).toHaveLength(2);
    expect(html).toContain('Sum of peaks and peak of sum per host (cores (p95))');
    expect(html).toContain('<h3>Alerts (4)</h3>');
    // critical first; the three warnings of HV01 CPU shown once, with their count and the first message
    expect([...html.matchAll(/<div class="alert (\w+)"><strong>([^<]+)<\/strong>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['critical HV02 memory', 'warning HV01 CPU']);
    expect(html).toContain('× 3; the first:</span> above 50 % at 0');
  });

  it('says how many rows a long table leaves out', () => {
    const unplaced = Array.from({ length: 30 }, (_, i) => ({ vm: `v${i}`, reasons: [{ message: 'too big' }] }));
    const html = renderHtmlReport({ plan: { ...plan, unplaced } }, { maxTableRows: 25 });
    expect(html).toContain('Showing 25 of 30');
  });

  it('throws on an invalid option', () => {
    expect(() => renderHtmlReport({}, { maxHostRows: 0 })).toThrow('invalid maxHostRows: 0');
  });
});
