import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../src/index.js';
import { syntheticReportInput } from './fixtures/synthetic.js';

describe('report size at scale', () => {
  it('renderHtmlReport(10,000 hosts, 100,000 VMs) is under 5 MB and aggregates instead of drawing every host', () => {
    const input = syntheticReportInput({ hosts: 10_000, vms: 100_000 });
    const html = renderHtmlReport(input);
    const bytes = Buffer.byteLength(html, 'utf8');
    console.log(`10,000-host / 100,000-VM report: ${bytes.toLocaleString('en-US')} bytes`);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    expect(html).toContain('data-chart="host-distribution"');
    expect(html).toContain('With 10,000 hosts, the 40 fullest are drawn');
    // Every unplaced VM is counted even though only the first 500 are listed.
    expect(html).toContain('1,000 VMs could not be placed');
    expect(html).toContain('Showing 500 of 1,000');
  });
});
