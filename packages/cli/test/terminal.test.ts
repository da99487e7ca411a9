import { describe, expect, it } from 'vitest';
import { run } from './support/run.js';

// Each command of the README, run on the bundled data as a user would: the answer fits in about
// a screen, says what is missing, and states its defaults. Line counts and key figures are
// asserted, so a flood or a lost hint fails the test.
const lines = (s: string) => s.trimEnd().split('\n');

describe('hostplan plan on the sample data, as a user reads it', () => {
  it('groups the 98 VMs the conservative 2008 policy leaves out into one line instead of one per VM and host', async () => {
    const r = await run(['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--policy', 'data/policy-2008-conservative.json', '--failover', '1']);
    expect(r.code).toBe(1);
    expect(lines(r.out).length).toBeLessThan(50);
    const head = /^(\d+) VMs fit nowhere:$/m.exec(r.out);
    expect(head, r.out).not.toBeNull();
    const unplaced = Number(head![1]);
    const placed = Number(/^Placed (\d+) of 302 VMs/.exec(r.out)![1]);
    expect(placed + unplaced).toBe(302);
    // every group line names the reason, how many hosts, the shortfall range and the worst VM
    const groups = [...r.out.matchAll(/^ {2}(\d+) VMs?(?: \([^)]+\))?: (.+)$/gm)];
    expect(groups.reduce((n, g) => n + Number(g[1]), 0)).toBe(unplaced);
    expect(groups[0]![2]).toMatch(/^CPU short on every host \(14\) by [\d.]+-[\d.]+ GHz; largest: \S+$/);
    expect(r.out).toContain("(each VM's reason on every host: --verbose, --json or --csv)");
    // the policy's own ceilings are stated, and at 75 % of CPU a full host is no warning
    expect(r.out).toContain('Planned to 75 % of CPU and 90 % of memory after reserves (from the policy; change with --policy targetUtilization).');
    expect(r.out).not.toMatch(/^warning: .* of CPU/m);
  });

  it('npm start states its defaults, warns that hosts are at 100 % of CPU and names the headline binding resource per host count', async () => {
    const r = await run(['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--perf', 'data/perf/hv01.csv', 'data/perf/hv02.csv', '--failover', '1']);
    expect(r.code).toBe(0);
    expect(lines(r.out).length).toBeLessThan(40);
    const rows = [...r.out.matchAll(/^(hv\d\d) +(\d+) +(\S+) +(\d+)%/gm)];
    const full = rows.filter((m) => Number(m[4]) >= 100).map((m) => m[1]);
    const cpuBound = rows.filter((m) => m[3] === 'cpuGHz').length;
    expect(r.out).toMatch(new RegExp(`binding: CPU on ${cpuBound}[,.]`));
    expect(r.out).toContain('Planned to 100 % of CPU and 100 % of memory after reserves, measured VMs at their percentile x comfort 1.0 (hostplan defaults');
    expect(r.out).toMatch(new RegExp(`^warning: ${full.length} of \\d+ used hosts at 100 % of CPU after reserves .*--comfort 1\\.3 \\(Azure Migrate's default\\).*80 % \\(Azure VMware Solution\\) or 95 % \\(Nutanix Sizer\\)`, 'm'));
  });
});

describe('hostplan bench on the sample data, as a user reads it', () => {
  it('without --hosts says why CPU GHz is empty and how to get it', async () => {
    const r = await run(['bench', 'data/perf/hv01.csv', '--vms', 'data/vms.json']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('CPU GHz is empty for 11 VMs: the clock of host HV01 is unknown. Add --hosts FILE (the host inventory, matched by name) or --clock GHZ to turn cores into GHz.');
    expect(lines(r.out).length).toBeLessThan(40);
  });

  it('with --hosts fills CPU GHz and shows host ids as the inventory spells them (hv01, not the log\'s HV01)', async () => {
    const r = await run(['bench', 'data/perf/hv01.csv', '--vms', 'data/vms.json', '--hosts', 'data/hosts.json']);
    expect(r.out).not.toContain('CPU GHz is empty');
    expect(r.out).not.toMatch(/\bHV01\b/);
    expect(r.out).toMatch(/^hv01 +[\d.]+/m);
    expect(r.out).toMatch(/^web-c01-1 +hv01 +1 +0\.232 +0\.68 /m);
  });
});

describe('hostplan capacity on the sample data', () => {
  it('prints the rule behind each figure in the text output, once for hosts whose rules read the same', async () => {
    const r = await run(['capacity', '--hosts', 'data/hosts.json']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Rules for 14 hosts \(hv01, hv02, .*hv14\):$/m);
    expect(r.out).toContain('  cpuGHz: 12 physical cores x 2.93 GHz = 35.16 GHz, less 10 % reserve = 31.64 GHz');
    expect(r.out).toContain('  memoryMB: 98,304 MB - 512 MB root reserve = 97,792 MB');
    expect(lines(r.out).length).toBeLessThan(40);
  });
});

describe('hostplan quote on the sample data', () => {
  it('says what its cost includes, so the same plan priced with and without --costs can be told apart', async () => {
    const plain = await run(['quote', '--plans', 'data/plans.json', '--catalog', 'data/catalog.json']);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('Costs include: hardware, power, rack space, admin (default rates: --costs FILE for yours). Not included: Windows licences (--licensing 2008|2016), shared storage and network (--costs FILE).');
    const withCosts = await run(['quote', '--plans', 'data/plans.json', '--catalog', 'data/catalog.json', '--costs', 'data/costs.json']);
    expect(withCosts.out).toContain('Costs include: hardware, power, rack space, admin (rates from --costs).');
    expect(lines(plain.out).length).toBeLessThan(40);
  });
});
