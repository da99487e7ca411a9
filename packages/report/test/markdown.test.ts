import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdownSummary } from '../src/index.js';
import { escapeMarkdown } from '../src/markdown/escapeMarkdown.js';
import { sampleReportInput } from './fixtures/sample.js';

describe('renderMarkdownSummary(input)', () => {
  it('sums up the sample plan for a ticket', () => {
    const md = renderMarkdownSummary(sampleReportInput());
    expect(md).toContain('## Capacity plan: Frankfurt farm, 2027');
    expect(md).toContain('| Hosts needed | 12 (8 × R760 2×24c 768 GB + 4 × R660 2×16c 512 GB) (lower bound 9) |');
    expect(md).toContain('| Binding resource | Memory (GB) |');
    expect(md).toContain('| VMs placed | 163; unplaced 3 |');
    expect(md).toContain('| Failover | met: tolerates 1 of 1 required host failure(s); worst set hv-01 |');
    // 11,358.25 / 163 VMs = 69.68
    expect(md).toContain('| Cost per month | USD 11,358.25; USD 69.68 per VM |');
    expect(md).toContain('### Unplaced VMs (3)');
    expect(md).toMatch(/\d+ assumptions \(\d+ defaults\)/);
  });

  it('lists at most maxUnplaced VMs and says how many more', () => {
    const plan = { placements: [], hosts: [], unplaced: Array.from({ length: 4 }, (_, i) => ({ vm: `v${i}`, reasons: [{ message: 'too big' }] })) };
    const md = renderMarkdownSummary({ plan }, { maxUnplaced: 2 });
    expect(md.match(/^- v\d/gm)).toHaveLength(2);
    expect(md).toContain('- and 2 more (see the CSV export)');
  });

  it.each([
    ['web|01', 'web\\|01'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['a*b_c`d[e](f)', 'a\\*b\\_c\\`d\\[e\\]\\(f\\)'],
    ['two\nlines', 'two lines'],
  ])('escapeMarkdown(%j) => %j', (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });

  it('escapeMarkdown(text) leaves no raw <, >, | or line break', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      const out = escapeMarkdown(s);
      expect(out).not.toMatch(/[<>\r\n]/);
      expect(out.replace(/\\\\/g, '')).not.toMatch(/(^|[^\\])\|/);
    }), { numRuns: 200 });
  });
});
