import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatPercent, formatResource, resourceLabel } from '../src/index.js';
import { escapeHtml } from '../src/html/escape.js';
import { peakShare, topHosts } from '../src/aggregate/hostShares.js';
import { reasonText } from '../src/html/sections/reasonText.js';
import type { ReportReason } from '../src/index.js';

describe('formatting', () => {
  it.each<[number | undefined, 0 | 1 | 2, string]>([
    [1234.56, 1, '1,234.6'],
    [12, 2, '12'],
    [0.5, 2, '0.5'],
    [1e6, 0, '1,000,000'],
    [Infinity, 1, '∞'],
    [NaN, 1, '–'],
    [undefined, 1, '–'],
  ])('formatNumber(%s, %s) => %j', (value, decimals, expected) => {
    expect(formatNumber(value, decimals)).toBe(expected);
  });

  it('formats shares, money and resources with units', () => {
    expect(formatPercent(0.8234)).toBe('82.3 %');
    expect(formatMoney(1234.5, 'EUR')).toBe('EUR 1,234.50');
    // 65,536 MB / 1,024 = 64 GB
    expect(formatResource(65_536, 'memoryMB')).toBe('64 GB');
    expect(resourceLabel('cpuGHz')).toBe('CPU (GHz)');
    expect(resourceLabel('vcpus')).toBe('vCPUs');
  });

  it('escapeHtml(text) leaves no character that could open markup or close an attribute', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      expect(escapeHtml(s).replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
    }), { numRuns: 300 });
  });
});

describe('host aggregation', () => {
  const host = (id: string, used: number, capacity = 100) => ({ id, used: { memoryMB: used, cpuGHz: used / 2 }, capacity: { memoryMB: capacity, cpuGHz: 100 } });

  it('peakShare(host) is the fullest resource: max(30/40, 5/10) = 0.75', () => {
    expect(peakShare({ id: 'h', used: { cpuGHz: 5, memoryMB: 30 }, capacity: { cpuGHz: 10, memoryMB: 40 } })).toBe(0.75);
    expect(peakShare({ id: 'h', used: {}, capacity: {} })).toBe(0);
  });

  it('topHosts(hosts, n) returns the n fullest, fullest first, whatever the input order', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 70 }), (useds, n) => {
      const hosts = useds.map((u, i) => host(`h${i}`, u, 1000));
      const top = topHosts(hosts, n);
      expect(top).toHaveLength(Math.min(n, hosts.length));
      const shares = top.map((h) => peakShare(h));
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
      const cut = shares.at(-1)!;
      for (const h of hosts) if (!top.includes(h)) expect(peakShare(h)).toBeLessThanOrEqual(cut);
      expect(topHosts([...hosts].reverse(), n).map((h) => h.id)).toEqual(top.map((h) => h.id));
    }), { numRuns: 100 });
  });
});

describe('reasonText(reasons)', () => {
  it.each<[ReportReason[] | undefined, string]>([
    [[{ host: 'h1', message: 'needs 2 GB more' }, { host: 'h2', message: 'full' }], 'h1: needs 2 GB more (and 1 more host)'],
    [[{ host: 'h1', message: 'h1 is unavailable' }], 'h1 is unavailable'],
    [[{ message: 'too big' }, { message: 'x' }, { message: 'y' }], 'too big (and 2 more hosts)'],
    [[], 'no reason given'],
    [undefined, 'no reason given'],
  ])('reasonText(%j) => %j', (reasons, expected) => {
    expect(reasonText(reasons)).toBe(expected);
  });
});
