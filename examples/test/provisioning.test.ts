import { describe, expect, it } from 'vitest';
import { provisioning } from '../provisioning.js';

describe('examples/provisioning.ts', () => {
  it('rates every host best first with an explanation each and places the new VM away from its partner', async () => {
    const lines: string[] = [];
    const chosen = await provisioning((l) => lines.push(l));
    const text = lines.join('\n');
    expect(chosen).not.toBeNull();
    // the partner's host is refused for anti-affinity, with the group named
    const partnerHost = /anti-affinity with \S+ on (hv\d+)/.exec(text)![1]!;
    expect(chosen).not.toBe(partnerHost);
    expect(text).toMatch(new RegExp(`${partnerHost} 0\\.0: cannot take sql-new-b: move \\S+ off ${partnerHost}, or take the VM out of anti-affinity group sql-\\d+`));
    // the host placement chose has stars under consolidate
    const consolidate = text.slice(text.indexOf('Goal consolidate'), text.indexOf('Goal balance'));
    const chosenStars = Number(new RegExp(`^  ${chosen} (\\d\\.\\d):`, 'm').exec(consolidate)![1]);
    expect(chosenStars).toBeGreaterThan(0);
    // each goal names a recommended host and explains all 14 hosts, the recommended one first
    const recommended = /Goal consolidate: recommended (hv\d+)/.exec(text)![1];
    expect(consolidate.match(/^ {2}hv\d+ \d\.\d: /gm)).toHaveLength(14);
    expect(consolidate).toMatch(new RegExp(`^  ${recommended} \\d\\.\\d: recommended`, 'm'));
  });
});
