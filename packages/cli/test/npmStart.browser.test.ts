import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../report/test/helpers/browser.js';
import { ROOT, run } from './support/run.js';

/** The arguments of `npm start` (package.json "start": node packages/cli/bin/hostplan.js ARGS). */
function npmStartArgs(): string[] {
  const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
  const m = /^node packages\/cli\/bin\/hostplan\.js (.+)$/.exec(start);
  if (!m) throw new Error(`package.json "start" is not a hostplan command: ${start}`);
  return m[1]!.split(/\s+/);
}

/** `args` with the value of `--name` replaced (or added). */
function withOption(args: readonly string[], name: string, value: string): string[] {
  const i = args.indexOf(name);
  return i < 0 ? [...args, name, value] : [...args.slice(0, i + 1), value, ...args.slice(i + 2)];
}

describe('the npm start report in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const args = npmStartArgs();

  beforeAll(async () => {
    const html = join(mkdtempSync(join(tmpdir(), 'hostplan-npm-start-')), 'report.html');
    const r = await run(withOption(args, '--html', html));
    expect(r.err).toBe('');
    context = await launchChromium();
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (q) => { if (!q.url().startsWith('file:') && !q.url().startsWith('data:')) problems.push(`request: ${q.url()}`); });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  });
  afterAll(async () => { await context?.close(); });

  it('shows every VM of the inventory as visible text, in the placement table', async () => {
    const vmsFile = args[args.indexOf('--vms') + 1]!;
    const ids = (JSON.parse(readFileSync(join(ROOT, vmsFile), 'utf8')).vms as { id: string }[]).map((v) => v.id);
    expect(ids.length).toBe(302);
    // visible: the cell is laid out and shown (checkVisibility: displayed, not visibility:hidden, not
    // transparent); its text is the VM's name. innerText would also need the glyphs: the npm
    // Chromium finds no font here (its fonts.conf names AWS Lambda folders), so it reads ''.
    const cells = new Set(await page.$$eval('table.vm-table tbody tr td:first-child', (tds) => tds
      .filter((td) => td.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && td.getBoundingClientRect().width > 0)
      .map((td) => (td.textContent ?? '').trim())));
    expect(ids.filter((id) => !cells.has(id))).toEqual([]);
    // the filter box narrows the table to the VM typed
    await page.locator('input[data-filter-table="vm-table"]').fill(ids[7]!);
    expect(await page.locator('table.vm-table tbody tr:visible').count()).toBe(1);
    await page.locator('input[data-filter-table="vm-table"]').fill('');
  });

  it('draws time charts with a laid-out box', async () => {
    const boxes = await page.$$eval('svg[data-chart="timeline"]', (els) => els.map((e) => e.getBoundingClientRect().width));
    expect(boxes.length).toBeGreaterThan(0);
    for (const w of boxes) expect(w).toBeGreaterThan(300);
  });

  it('set to failover 3, re-plans to the verdict and host count of hostplan plan --failover 3', async () => {
    const cli = JSON.parse((await run(withOption(withOption(args.filter((a, i) => a !== '--html' && args[i - 1] !== '--html'), '--failover', '3'), '--json', '-'))).out);
    const failover = page.locator('input[name="failover"]');
    await failover.fill('3');
    await failover.dispatchEvent('change');
    await page.waitForFunction(() => /^Re-planned/.test(document.querySelector('[data-hostplan="whatif-status"]')?.textContent ?? ''), null, { timeout: 120_000 });
    const verdict = (await page.locator('[data-hostplan="failover-verdict"]').textContent())!;
    expect(verdict).toBe(`N+3 ${cli.failover.met ? 'met' : 'not met'}`);
    expect(await page.locator('[data-hostplan="hosts-used"]').textContent()).toBe(String(cli.summary.hostsUsed));
    expect(await page.locator('#summary .card', { hasText: 'Failover' }).locator('.sub').textContent()).toContain(`tolerates ${cli.failover.toleratedFailures} host failure`);
    // the redrawn placement table still lists every VM
    expect(await page.locator('table.vm-table tbody tr').count()).toBe(cli.summary.vmsPlaced + cli.summary.vmsUnplaced);
    expect(problems).toEqual([]);
  }, 180_000);
});
