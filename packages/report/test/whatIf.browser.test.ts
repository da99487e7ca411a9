import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { failoverReport, placeVms, type Host, type Vm } from '@hostplan/core';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport, replanWhatIf, reportFailoverFrom, reportInputFromPlan } from '../src/index.js';
import { launchChromium } from './helpers/browser.js';

const payloads = ['<img src=x onerror="window.__pwned=1">', '</script><script>window.__pwned=2</script>', '"><svg onload="window.__pwned=3">'];
const host = (id: string): Host => ({ id, sockets: 2, coresPerSocket: 8, threadsPerCore: 1, clockGHz: 2.5, memoryGB: 64 });
const hosts = ['h1', 'h2', 'h3', 'h4', payloads[2]!].map(host);
const vms: Vm[] = Array.from({ length: 30 }, (_, i) => ({ id: `${payloads[i % payloads.length]}-${i}`, vcpus: 2, memoryGB: 8, cpuDemandGHz: 1.5, role: payloads[i % 3]! }));

describe('the what-if page in headless Chromium', () => {
  let context: BrowserContext;
  beforeAll(async () => { context = await launchChromium(); });
  afterAll(async () => { await context?.close(); });

  it('re-plans with hostile names as Node does, running none of them', async () => {
    const plan = placeVms(hosts, vms);
    const { summary, result } = failoverReport(hosts, plan, { vms, k: 1 });
    const html = renderHtmlReport({ ...reportInputFromPlan({ plan, hosts, vms }), failover: reportFailoverFrom({ summary, result, plan, hosts, vms }), whatIf: { hosts, vms, policy: {}, failover: 1 } });
    const file = join(mkdtempSync(join(tmpdir(), 'hostplan-whatif-')), 'whatif.html');
    writeFileSync(file, html);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('dialog', (d) => { problems.push(`dialog ${d.message()}`); void d.dismiss(); });
    await page.goto(pathToFileURL(file).href);
    // a CPU target of 0.5 and N+2, in the page and in Node
    await page.locator('input[name="targetUtilization"][data-resource="cpuGHz"]').fill('0.5');
    await page.locator('input[name="failover"]').fill('2');
    await page.locator('input[name="failover"]').dispatchEvent('change');
    await page.waitForFunction(() => /^Re-planned/.test(document.querySelector('[data-hostplan="whatif-status"]')?.textContent ?? ''), null, { timeout: 60_000 });
    const node = replanWhatIf({ hosts, vms, policy: {}, failover: 1 }, { failover: 2, targetUtilization: { cpuGHz: 0.5 } });
    expect(await page.locator('[data-hostplan="hosts-used"]').textContent()).toBe(String(node.plan.summary.hostsUsed));
    expect(await page.locator('[data-hostplan="failover-verdict"]').textContent()).toBe(`N+2 ${node.failover!.summary.met ? 'met' : 'not met'}`);
    // the redrawn table shows the hostile names as text
    const names = await page.$$eval('table.vm-table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(names.sort()).toEqual([...node.plan.placements.map((p) => p.vm), ...node.plan.unplaced.map((u) => u.vm)].sort());
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main iframe').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
