import { describe, expect, it } from 'vitest';
import { renderHtmlReport, type ExposureRow } from '@hostplan/report';

const row = (host: string, overShare: number | null, worstOvershoot: number | null): ExposureRow => ({ host, resource: 'cpuGHz', unit: 'GHz', limit: 21.6, points: 2016, overShare, worstOvershoot });

describe('renderHtmlReport: exposure to the measurements', () => {
  it('shows each host\'s share of time over the limit and worst overshoot, most exposed first', () => {
    const html = renderHtmlReport({ measurements: { exposure: [row('quiet', 0, 0), row('busy', 0.052, 0.68), row('none', null, null)] } });
    const section = html.slice(html.indexOf('Exposure to the measurements'));
    expect(section).toContain('5.2 %');
    expect(section).toMatch(/>68(\.0)? %</);
    expect(section.indexOf('>busy<')).toBeLessThan(section.indexOf('>quiet<'));
    expect(section.indexOf('>quiet<')).toBeLessThan(section.indexOf('>none<'));
  });

  it('escapes host names', () => {
    const html = renderHtmlReport({ measurements: { exposure: [row('<img src=x onerror=alert(1)>', 0.1, 0.2)] } });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
