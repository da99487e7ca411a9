import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../src/index.js';
import { sampleReportInput } from './fixtures/sample.js';
import { syntheticReportInput } from './fixtures/synthetic.js';
import { launchChromium } from './helpers/browser.js';

// Screenshots go to out/ at the repo root (ignored by git).
const OUT = new URL('../../../out/report/', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'hostplan-report-'));

/** Opens a report file, collecting console errors, page errors, dialogs and refused requests. */
async function open(context: BrowserContext, html: string, name: string): Promise<{ page: Page; problems: string[]; dialogs: string[] }> {
  const file = join(work, name);
  writeFileSync(file, html);
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`); });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems, dialogs };
}

describe('the HTML report in headless chromium', () => {
  let context: BrowserContext;
  beforeAll(async () => { context = await launchChromium(); });
  afterAll(async () => { await context?.close(); });

  it('draws text: the browser finds fonts (the npm package lists only AWS Lambda font folders)', async () => {
    const page = await context.newPage();
    await page.setContent('<h1 id="t">hostplan</h1>');
    expect(await page.locator('#t').innerText()).toBe('hostplan');
    const box = await page.locator('#t').evaluate((e) => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().width; });
    expect(box).toBeGreaterThan(20);
    await page.close();
  });

  it('launchChromium() fails, never skips, with a clear message when the named browser is missing', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow('/nonexistent/chromium is missing: no browser to launch there');
  });

  it('opens the sample report with no console error, every section and chart drawn, and saves a screenshot', async () => {
    const { page, problems } = await open(context, renderHtmlReport(sampleReportInput()), 'sample.html');
    expect(problems).toEqual([]);
    const sections = await page.$$eval('section[data-section]', (els) => els.map((e) => e.getAttribute('data-section')));
    expect(sections).toEqual(['summary', 'hosts', 'placement', 'vms', 'failover', 'measurements', 'rightsizing', 'growth', 'costs', 'unplaced', 'assumptions']);
    // Every chart has a laid-out box and drew marks.
    const charts = await page.$$eval('svg[data-chart]', (els) => els.map((e) => ({ kind: e.getAttribute('data-chart'), width: e.getBoundingClientRect().width, marks: e.querySelectorAll('rect,path,line,circle').length })));
    expect(new Set(charts.map((c) => c.kind))).toEqual(new Set(['utilisation-matrix', 'placement-map', 'failover-headroom', 'time-bands', 'heatmap', 'histogram', 'peak-coincidence', 'growth', 'cost-breakdown']));
    for (const c of charts) {
      expect(c.width, `${c.kind} width`).toBeGreaterThan(200);
      expect(c.marks, `${c.kind} marks`).toBeGreaterThan(5);
    }
    // The allowed script ran: clicking a header sorts the table.
    const table = page.locator('#unplaced table');
    await table.locator('th').first().click();
    await table.locator('th').first().click();
    expect(await table.locator('th').first().getAttribute('aria-sort')).toBe('descending');
    const vms = await table.locator('tbody tr td:first-child').allTextContents();
    expect(vms).toEqual([...vms].sort().reverse());
    mkdirSync(OUT, { recursive: true });
    const png = new URL('sample.png', OUT);
    await page.screenshot({ path: png.pathname, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });

  it('runs no script from hostile VM and host names: they show as text', async () => {
    const payloads = [
      '<img src=x onerror="window.__pwned=1;alert(1)">',
      '<script>window.__pwned=2;alert(2)</script>',
      '"><svg onload="window.__pwned=3;alert(3)">',
      "'><iframe srcdoc='<script>parent.__pwned=4</script>'>",
      '</title><script>window.__pwned=5</script>',
      '</style><script>window.__pwned=6</script>',
      '=cmd|\' /C calc\'!A0',
    ];
    const input = sampleReportInput({ vmName: (i, g) => `${payloads[i % payloads.length]}-${g}-${i}` });
    const hostile = { ...input, title: payloads[0]!, plan: { ...input.plan!, hosts: input.plan!.hosts.map((h, i) => ({ ...h, id: i === 0 ? payloads[1]! : h.id, model: payloads[2]! })) } };
    const { page, problems, dialogs } = await open(context, renderHtmlReport(hostile), 'hostile.html');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img, iframe, script:not(:last-of-type)').count()).toBe(0);
    expect(await page.title()).toBe(payloads[0]);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const p of payloads) expect(text).toContain(p);
    expect(problems).toEqual([]);
  });

  it('opens the 10,000-host / 100,000-VM report with no console error', async () => {
    const html = renderHtmlReport(syntheticReportInput({ hosts: 10_000, vms: 100_000 }));
    const started = performance.now();
    const { page, problems } = await open(context, html, 'large.html');
    console.log(`large report: ${Buffer.byteLength(html).toLocaleString('en-US')} bytes, loaded in ${Math.round(performance.now() - started)} ms`);
    expect(problems).toEqual([]);
    expect(await page.locator('svg[data-chart="host-distribution"]').count()).toBeGreaterThan(0);
  });
});
