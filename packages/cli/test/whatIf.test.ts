import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replanWhatIf, type WhatIfPayload } from '@hostplan/report';
import { run } from './support/run.js';

const SAMPLE = ['plan', '--hosts', 'data/hosts.json', '--vms', 'data/vms.json', '--perf', 'data/perf/hv01.csv', 'data/perf/hv02.csv'];

/** The what-if data block of a page, as the page's script reads it. */
function pageData(html: string): WhatIfPayload {
  const m = /<script type="application\/json" id="hostplan-whatif-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!) as WhatIfPayload;
}

describe('the page re-plans from the inputs it carries as hostplan plan does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostplan-whatif-'));
  let payload: WhatIfPayload;

  it('carries the hosts, VMs, policy, failover k and comfort factor of npm start', async () => {
    const html = join(dir, 'report.html');
    expect((await run([...SAMPLE, '--failover', '1', '--html', html])).code).toBe(0);
    payload = pageData(readFileSync(html, 'utf8'));
    expect(payload.data.hosts.length).toBe(14);
    expect(payload.data.vms.length).toBe(302);
    expect(payload.data.failover).toBe(1);
    expect(payload.data.comfortFactor).toBe(1);
    // the 22 measured VMs, each with its CPU among the measured figures
    expect(payload.data.measured!.length).toBe(22);
  });

  it.each([
    ['--failover 3', ['--failover', '3'], { failover: 3 }],
    ['--failover 2 --comfort 1.3', ['--failover', '2', '--comfort', '1.3'], { failover: 2, comfortFactor: 1.3 }],
  ] as const)('settings of %s give the command\'s hosts, placements and failover verdict', async (_, args, settings) => {
    const cli = JSON.parse((await run([...SAMPLE, ...args, '--json', '-'])).out);
    const page = replanWhatIf(payload.data, settings);
    expect(page.plan.summary.hostsUsed).toBe(cli.summary.hostsUsed);
    expect(page.plan.placements).toEqual(cli.placements);
    expect({ met: page.failover!.summary.met, tolerated: page.failover!.summary.toleratedFailures }).toEqual({ met: cli.failover.met, tolerated: cli.failover.toleratedFailures });
  }, 120_000);

  it('a target utilisation set in the page gives what the same policy file gives the command', async () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ targetUtilization: { cpuGHz: 0.8, memoryMB: 0.9 } }));
    const cli = JSON.parse((await run([...SAMPLE, '--policy', policy, '--failover', '1', '--json', '-'])).out);
    const page = replanWhatIf(payload.data, { targetUtilization: { cpuGHz: 0.8, memoryMB: 0.9 } });
    expect(page.plan.summary.hostsUsed).toBe(cli.summary.hostsUsed);
    expect(page.plan.placements).toEqual(cli.placements);
    expect(page.failover!.summary.met).toBe(cli.failover.met);
  }, 120_000);
});
