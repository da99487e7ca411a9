import { describe, expect, it } from 'vitest';
import { provisioning } from '../provisioning.js';

describe('examples/provisioning.ts', () => {
  it('rates every host, explains the losers and places the new VM away from its partner', async () => {
    const lines: string[] = [];
    const chosen = await provisioning((l) => lines.push(l));
    const text = lines.join('\n');
    expect(chosen).not.toBeNull();
    // the partner's host is refused for anti-affinity, with the group named
    const partnerHost = /anti-affinity with \S+ on (hv\d+)/.exec(text)![1]!;
    expect(chosen).not.toBe(partnerHost);
    expect(text).toMatch(new RegExp(`${partnerHost}: host ${partnerHost} already runs \\S+ of anti-affinity group sql-\\d+`));
    // the placement follows the consolidate rating's best host
    const bestConsolidate = /Goal consolidate: best host (hv\d+)/.exec(text)![1];
    expect(chosen).toBe(bestConsolidate);
    // every host appears in each goal's ranking: 1 best + 13 others
    const consolidate = text.slice(text.indexOf('Goal consolidate'), text.indexOf('Goal balance'));
    expect(consolidate.match(/^ {4}hv\d+:/gm)).toHaveLength(13);
  });
});
